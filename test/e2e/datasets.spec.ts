import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures'
import { newestJobId, newJobRow } from './jobTray'
import type { LibraryPage } from './libraryPage'

const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
const DATA = resolve(REPO_ROOT, '..', 'shared', 'data')
const NEU_IMAGES = join(DATA, 'neu-det', 'images')
const NEU_ANNOTATIONS = join(DATA, 'neu-det', 'annotations')
const NEU_CLASSES = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches']
const JOB_TIMEOUT = 90_000

let scratch: string

test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-datasets-'))
})

test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Runs `start`, then waits for the job it adds to the job bar to reach `state`; returns that job's row. */
async function jobStartedBy(library: LibraryPage, start: () => Promise<void>, state: string): Promise<Locator> {
  const before = await newestJobId(library.page)
  await start()
  const row = await newJobRow(library.page, before)
  await expect(row).toHaveAttribute('data-job-state', state, { timeout: JOB_TIMEOUT })
  return row
}

async function openImportDialog(library: LibraryPage): Promise<Locator> {
  await library.page.getByTestId('import-button').click()
  const dialog = library.page.getByTestId('import-dialog')
  await expect(dialog).toBeVisible()
  return dialog
}

async function exportTo(library: LibraryPage, location: string, folderName: string, screenshot?: string): Promise<void> {
  await library.page.getByTestId('export-button').click()
  const dialog = library.page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('export-format-coco').check()
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
  await dialog.getByTestId('export-location').fill(location)
  await dialog.getByTestId('export-folder-name').fill(folderName)
  await expect(dialog.getByTestId('export-destination')).toContainText(join(location, folderName))
  if (screenshot) {
    await expect(dialog.getByTestId('browse-dir')).toContainText(location)
    await library.page.screenshot({ path: screenshot })
  }
  await dialog.getByTestId('export-submit').click()
  await expect(dialog).toBeHidden()
}

test('imports NEU-DET with its Pascal VOC annotations, exports it as COCO, and refuses a folder that is not empty', async ({ library }) => {
  const page = library.page
  const imported = await jobStartedBy(
    library,
    async () => {
      const dialog = await openImportDialog(library)
      await dialog.getByTestId('import-path-input').fill(NEU_IMAGES)
      await dialog.getByTestId('import-contents-voc').check()
      await dialog.getByTestId('import-annotations-input').fill(NEU_ANNOTATIONS)
      await expect(dialog.getByTestId('import-skip-invalid')).not.toBeChecked()
      await expect(dialog.getByTestId('browse-dir')).toContainText(NEU_ANNOTATIONS)
      await page.screenshot({ path: '/tmp/loupe-datasets-import-dialog.png' })
      await dialog.getByTestId('import-submit').click()
      await expect(dialog).toBeHidden()
    },
    'completed',
  )
  const annotations = imported.getByTestId('annotation-result')
  await expect(annotations).toHaveAttribute('data-boxes', '553')
  await expect(annotations).toHaveAttribute('data-classes', '6')
  await expect(annotations).toHaveAttribute('data-skipped', '0')
  await expect(annotations).toContainText('553 boxes')
  await expect(annotations).toContainText('6 classes')
  await expect(imported.getByTestId('job-result')).toHaveAttribute('data-added', '240')
  await library.expectImageCount(240)

  await expect(page.getByTestId('sidebar-label')).toHaveCount(6)
  for (const name of NEU_CLASSES) await expect(library.sidebarLabel(name)).toBeVisible()

  const exported = await jobStartedBy(library, () => exportTo(library, scratch, 'neu-coco', '/tmp/loupe-datasets-export-dialog.png'), 'completed')
  const out = join(scratch, 'neu-coco')
  await expect(exported).toHaveAttribute('data-job-kind', 'export')
  await expect(exported.getByTestId('job-title')).toContainText('Export COCO')
  const result = exported.getByTestId('export-result')
  await expect(result).toHaveAttribute('data-images', '240')
  await expect(result).toHaveAttribute('data-boxes', '553')
  await expect(result).toContainText('240 images')
  await expect(result).toContainText('553 boxes')
  await expect(result.getByTestId('export-dir')).toHaveValue(out)
  await result.getByTestId('export-copy-path').click()
  await expect(result.getByTestId('export-copy-path')).toHaveText('Copied')
  await page.getByTestId('job-bar').screenshot({ path: '/tmp/loupe-datasets-export-done.png' })
  await page.screenshot({ path: '/tmp/loupe-datasets-export-done-page.png' })

  const coco = JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8')) as { images: unknown[]; annotations: unknown[]; categories: unknown[] }
  expect(coco.annotations).toHaveLength(553)
  expect(coco.images).toHaveLength(240)
  expect(coco.categories).toHaveLength(6)

  const again = await jobStartedBy(library, () => exportTo(library, scratch, 'neu-coco'), 'failed')
  await expect(again.getByTestId('job-error-first')).toContainText('not empty')
  await expect(again.getByTestId('job-error-first')).toContainText(out)
})

test('a malformed COCO file is refused naming the file and annotation, and imports with bad entries skipped', async ({ library }) => {
  const page = library.page
  const images = join(scratch, 'images')
  await mkdir(images)
  const names = ['crazing_1.jpg', 'inclusion_1.jpg', 'patches_1.jpg']
  for (const name of names) await copyFile(join(NEU_IMAGES, name), join(images, name))
  const cocoFile = join(scratch, 'instances.json')
  await writeFile(
    cocoFile,
    JSON.stringify({
      categories: [{ id: 1, name: 'crazing' }],
      images: names.map((file_name, index) => ({ id: index + 1, file_name, width: 200, height: 200 })),
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [2, 2, 190, 190] },
        { id: 7, image_id: 2, category_id: 99, bbox: [10, 10, 50, 50] },
        { id: 8, image_id: 3, category_id: 42, bbox: [20, 20, 30, 30] },
      ],
    }),
  )

  const start = async (skipInvalid: boolean) => {
    const dialog = await openImportDialog(library)
    await dialog.getByTestId('import-path-input').fill(images)
    await dialog.getByTestId('import-contents-coco').check()
    // COCO can't default to the folder: the dialog asks for the file before anything starts.
    await dialog.getByTestId('import-submit').click()
    await expect(dialog.getByTestId('import-problem')).toContainText('.json')
    await expect(dialog.getByTestId('import-submit')).toBeDisabled()
    await dialog.getByTestId('import-annotations-input').fill(cocoFile)
    await expect(dialog.getByTestId('import-problem')).toBeHidden()
    if (skipInvalid) await dialog.getByTestId('import-skip-invalid').check()
    else {
      // The browser shows the chosen file's folder.
      await expect(dialog.locator('[data-testid="browse-entry"][data-kind="dir"]', { hasText: 'images' })).toBeVisible()
      await page.screenshot({ path: '/tmp/loupe-datasets-import-coco.png' })
    }
    await dialog.getByTestId('import-submit').click()
    await expect(dialog).toBeHidden()
  }

  const refused = await jobStartedBy(library, () => start(false), 'failed')
  const first = refused.getByTestId('job-error-first')
  await expect(first).toContainText(cocoFile)
  await expect(first).toContainText('annotation id 7')
  await expect(first).toContainText('unknown category_id 99')
  await expect(refused.getByTestId('job-error-list')).toBeHidden()
  await refused.getByTestId('job-error-toggle').click()
  await expect(refused.getByTestId('job-error-list')).toContainText(`${cocoFile}, annotation id 8: unknown category_id 42`)
  await page.getByTestId('job-bar').screenshot({ path: '/tmp/loupe-datasets-failed-job.png' })
  await library.expectImageCount(0)

  const skipped = await jobStartedBy(library, () => start(true), 'completed')
  const annotations = skipped.getByTestId('annotation-result')
  await expect(annotations).toHaveAttribute('data-format', 'coco')
  await expect(annotations).toHaveAttribute('data-boxes', '1')
  await expect(annotations).toHaveAttribute('data-skipped', '2')
  await skipped.getByTestId('annotation-skipped-toggle').click()
  const list = skipped.getByTestId('annotation-skipped-list')
  await expect(list).toContainText('annotation id 7')
  await expect(list).toContainText('unknown category_id 99')
  await expect(list).toContainText('annotation id 8')
  await page.getByTestId('job-bar').screenshot({ path: '/tmp/loupe-datasets-skipped.png' })
  await library.expectImageCount(3)
})

test('annotations need exactly one images folder', async ({ library }) => {
  const dialog = await openImportDialog(library)
  await dialog.getByTestId('import-path-input').fill(`${NEU_IMAGES}\n${NEU_ANNOTATIONS}`)
  await dialog.getByTestId('import-contents-yolo').check()
  await dialog.getByTestId('import-submit').click()
  await expect(dialog.getByTestId('import-problem')).toContainText('one images folder')
  await expect(dialog.getByTestId('import-skip-invalid')).toBeVisible()

  // Folder per class over several locations tags each image with its folder instead.
  await dialog.getByTestId('import-labels-from-folders').check()
  await expect(dialog.getByTestId('import-problem')).toBeHidden()
  await expect(dialog.getByTestId('import-contents-hint')).toContainText('Several locations')
  await expect(dialog.getByTestId('import-skip-invalid')).toBeHidden()
})
