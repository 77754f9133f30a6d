import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, SHARED_DATA, test } from './fixtures'

/** The published model files (the same bytes their home sites serve), served from 127.0.0.1 as the download mirror. */
const PUBLISHED_MODELS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'models', 'tflite')
const RECOMMENDED = 'mobilenet-v1-1.0-224'
const IMAGE_COUNT = 6

test.use({ installedModels: 'none', modelMirrorDir: PUBLISHED_MODELS })

test('first run without a model: "Get an image model" downloads the recommended one, and search works with it', async ({ library }) => {
  test.setTimeout(120_000)
  const page = library.page
  const dialog = page.getByTestId('first-run-model')
  await expect(dialog).toBeVisible()
  const card = dialog.locator(`[data-testid="known-model"][data-model-id="${RECOMMENDED}"]`)
  // What a person weighs before downloading: size, licence, measured quality and speed, and which one suits here.
  await expect(card).toContainText('Recommended here')
  await expect(card).toContainText('3.25 MB')
  await expect(card).toContainText('Apache-2.0')
  await expect(card).toContainText('precision@10 0.46')
  await page.screenshot({ path: '/tmp/loupe-first-run.png' })

  await card.getByTestId('known-model-download').click()
  // Installed: the dialog closes and says so; the job bar keeps the finished download.
  await expect(dialog).toBeHidden({ timeout: 60_000 })
  await expect(page.getByTestId('toast').filter({ hasText: 'installed' })).toBeVisible()
  const job = page.locator('[data-testid="job-row"][data-job-kind="model-download"]')
  await expect(job).toHaveAttribute('data-job-state', 'completed')
  await expect(job.getByTestId('job-counts')).toHaveText('3.25 MB / 3.25 MB')

  const source = await mkdtemp(join(tmpdir(), 'loupe-first-run-'))
  try {
    const images = join(SHARED_DATA, 'coco128', 'images')
    const names = (await readdir(images)).sort().slice(0, IMAGE_COUNT)
    await Promise.all(names.map((name) => copyFile(join(images, name), join(source, name))))
    await library.importAndWait(source)

    await page.getByTestId('search-button').click()
    const view = page.getByTestId('search-view')
    const status = view.getByTestId('search-status')
    await expect(status).toHaveAttribute('data-model', RECOMMENDED)
    await expect(status).toHaveAttribute('data-model-problem', 'false')
    // Indexed in the background after the import, with no "Index now".
    await expect(status).toHaveAttribute('data-indexed', String(IMAGE_COUNT), { timeout: 60_000 })
    await expect(status).toContainText('onnxruntime')
  } finally {
    await rm(source, { recursive: true, force: true })
  }
})

test('"Later" closes the step, and the search view offers the same models where a model is missing', async ({ library }) => {
  const page = library.page
  await page.getByTestId('first-run-model-later').click()
  await expect(page.getByTestId('first-run-model')).toBeHidden()
  // Search opens on a catalogue with images.
  const source = await mkdtemp(join(tmpdir(), 'loupe-first-run-'))
  const images = join(SHARED_DATA, 'coco128', 'images')
  const [photo] = (await readdir(images)).sort()
  await copyFile(join(images, photo!), join(source, photo!))
  await library.importAndWait(source)
  await rm(source, { recursive: true, force: true })
  await page.getByTestId('search-button').click()
  const view = page.getByTestId('search-view')
  await expect(view.getByTestId('model-problem')).toContainText('not installed')
  await expect(view.locator(`[data-testid="known-model"][data-model-id="${RECOMMENDED}"]`)).toBeVisible()
  // Offline machines add a folder or a file instead; a file that is no model is refused in words.
  await view.getByTestId('add-model-open').click()
  await view.getByTestId('model-path-input').fill(join(images, photo!))
  await view.getByTestId('model-add').click()
  await expect(view.getByTestId('model-add-error')).not.toBeEmpty()
})
