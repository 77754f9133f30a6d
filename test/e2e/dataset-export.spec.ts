import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { parse as parseYaml } from 'yaml'
import { expect, SHARED_DATA, test } from './fixtures'
import { newestJobId, newJobRow } from './jobTray'
import type { LibraryPage } from './libraryPage'

const NEU = join(SHARED_DATA, 'neu-det')
const JOB_TIMEOUT = 90_000

let scratch = ''
test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-dataset-export-'))
})
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Runs `start`, then waits for the job it adds to the job bar to finish; returns that job's row. */
async function jobStartedBy(library: LibraryPage, start: () => Promise<void>): Promise<Locator> {
  const before = await newestJobId(library.page)
  await start()
  const row = await newJobRow(library.page, before)
  await expect(row).toHaveAttribute('data-job-state', 'completed', { timeout: JOB_TIMEOUT })
  return row
}

async function openExportDialog(library: LibraryPage, format: string, folderName: string): Promise<Locator> {
  await library.page.getByTestId('export-button').click()
  const dialog = library.page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId(`export-format-${format}`).check()
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
  await dialog.getByTestId('export-location').fill(scratch)
  await dialog.getByTestId('export-folder-name').fill(folderName)
  return dialog
}

test('searches file names, exports the selection, keeps what still matches, and exports everything split 70/20/10 as YOLO', async ({ library }) => {
  test.setTimeout(150_000)
  const page = library.page
  await library.importAndWait(join(NEU, 'images'), { vocAnnotations: join(NEU, 'annotations') })
  await library.expectImageCount(240)

  // scratches_1 and scratches_10 … scratches_19, whatever the case typed.
  const search = page.getByTestId('name-search')
  await search.fill('SCRATCHES_1')
  await library.expectGridCount(11)
  await expect(page.getByTestId('grid-title')).toHaveText('Name contains “SCRATCHES_1”')
  for (const name of await library.tiles.evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('title')))) {
    expect(name?.toLowerCase()).toContain('scratches_1')
  }

  await library.tile(0).click()
  await library.tile(1).click({ modifiers: ['ControlOrMeta'] })
  await library.tile(2).click({ modifiers: ['ControlOrMeta'] })
  await expect(library.selectionCount).toHaveAttribute('data-count', '3')
  const selected = await Promise.all([0, 1, 2].map((index) => library.tile(index).getAttribute('title')))

  const dialog = await openExportDialog(library, 'coco', 'selection')
  await expect(dialog.getByTestId('export-scope-selected')).toBeChecked()
  await expect(dialog).toContainText('The 3 selected images')
  await expect(dialog).toContainText('Name contains “SCRATCHES_1” (11 images)')
  await page.screenshot({ path: '/tmp/loupe-dataset-export-selection.png' })
  const selectionJob = await jobStartedBy(library, async () => {
    await dialog.getByTestId('export-submit').click()
    await expect(dialog).toBeHidden()
  })
  await expect(selectionJob.getByTestId('export-result')).toHaveAttribute('data-images', '3')
  const coco = JSON.parse(await readFile(join(scratch, 'selection', 'annotations.json'), 'utf8')) as { images: { file_name: string }[]; categories: unknown[] }
  expect(coco.images.map((image) => image.file_name).sort()).toEqual([...selected].sort())
  expect(coco.categories).toHaveLength(6)

  // A narrower search keeps the one selected image it still shows; going back to every image keeps it too.
  await search.fill(selected[1]!)
  await library.expectGridCount(1)
  await expect(library.selectionCount).toHaveAttribute('data-count', '1')
  await page.getByTestId('clear-filter').click()
  await library.expectGridCount(240)
  await expect(search).toHaveValue('')
  await expect(library.selectionCount).toHaveAttribute('data-count', '1')

  const split = await openExportDialog(library, 'yolo', 'split')
  await split.getByTestId('export-scope-all').check()
  await split.getByTestId('export-images-copy').check()
  await split.getByTestId('export-split').check()
  await expect(split.getByTestId('export-split-train')).toHaveValue('70')
  await expect(split.getByTestId('export-split-val')).toHaveValue('20')
  await expect(split.getByTestId('export-split-test')).toHaveValue('10')
  await split.getByTestId('export-split-seed').fill('7')
  await page.screenshot({ path: '/tmp/loupe-dataset-export-split.png' })
  const splitJob = await jobStartedBy(library, async () => {
    await split.getByTestId('export-submit').click()
    await expect(split).toBeHidden()
  })
  const parts = splitJob.getByTestId('export-parts')
  await expect(parts).toHaveAttribute('data-train', '168')
  await expect(parts).toHaveAttribute('data-val', '48')
  await expect(parts).toHaveAttribute('data-test', '24')

  const out = join(scratch, 'split')
  const data = parseYaml(await readFile(join(out, 'data.yaml'), 'utf8')) as Record<string, unknown>
  expect(data).toMatchObject({ path: out, train: 'images/train', val: 'images/val', test: 'images/test', nc: 6 })
  expect(Object.values(data.names as Record<string, string>).sort()).toEqual(['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches'])
  const sizes = { train: 168, val: 48, test: 24 }
  for (const [part, size] of Object.entries(sizes)) {
    const images = await readdir(join(out, 'images', part))
    const labels = await readdir(join(out, 'labels', part))
    expect(images).toHaveLength(size)
    expect(labels.sort()).toEqual(images.map((name) => name.replace(/\.jpg$/, '.txt')).sort())
    // Every class in every part.
    expect(new Set(images.map((name) => name.replace(/_\d+\.jpg$/, ''))).size).toBe(6)
  }
})
