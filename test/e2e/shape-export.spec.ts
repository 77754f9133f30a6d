import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'
import { newestJobId, newJobRow } from './jobTray'

const COCO128 = join(SHARED_DATA, 'coco128')
const JOB_TIMEOUT = 90_000

let scratch = ''
test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-shape-export-'))
})
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

test('the export dialog says what each format cannot hold of coco128’s polygons and crowd masks, and YOLO segmentation writes polygons', async ({ library, host }) => {
  test.setTimeout(150_000)
  const page = library.page
  const api = await connectApi(host.url)
  try {
    const { id } = await api.api.imports.start({
      paths: [join(COCO128, 'images')],
      annotations: { format: 'coco', path: join(COCO128, 'annotations', 'instances_train2017.json') },
    })
    await api.completed(id)
  } finally {
    api.close()
  }
  await library.expectImageCount(128)

  await page.getByTestId('export-button').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  const losses = dialog.getByTestId('export-losses')
  // COCO holds all of it: nothing to say.
  await expect(dialog.getByTestId('export-format-coco')).toBeChecked()
  await expect(losses).toHaveCount(0)

  await dialog.getByTestId('export-format-yolo').check()
  await expect(losses).toContainText('929 polygons will be written as boxes')
  await expect(losses).toContainText('10 masks will be written as boxes')
  await expect(losses).toContainText('10 crowd regions will be written as ordinary objects')
  await page.screenshot({ path: '/tmp/loupe-shape-export-losses.png' })

  await dialog.getByTestId('export-format-yolo-seg').check()
  await expect(losses).not.toContainText('polygons will be written as boxes')
  await expect(losses).toContainText('10 masks will be written as boxes')
  const listed = await losses.locator('li').allTextContents()

  await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
  await dialog.getByTestId('export-location').fill(scratch)
  await dialog.getByTestId('export-folder-name').fill('seg')
  const before = await newestJobId(page)
  await dialog.getByTestId('export-submit').click()
  await expect(dialog).toBeHidden()
  const row = await newJobRow(page, before)
  await expect(row).toHaveAttribute('data-job-state', 'completed', { timeout: JOB_TIMEOUT })
  // The result lists exactly what the dialog said before.
  await expect(row.getByTestId('export-result')).toHaveAttribute('data-warnings', String(listed.length))

  // A second import of the file with another `info` keeps the new one, and its result in the tray says so.
  const coco = JSON.parse(await readFile(join(COCO128, 'annotations', 'instances_train2017.json'), 'utf8')) as { info: object }
  coco.info = { ...coco.info, version: '2.0' }
  await writeFile(join(scratch, 'changed.json'), JSON.stringify(coco))
  const again = await connectApi(host.url)
  const beforeImport = await newestJobId(page)
  try {
    const { id } = await again.api.imports.start({ paths: [join(COCO128, 'images')], annotations: { format: 'coco', path: join(scratch, 'changed.json') } })
    await again.completed(id)
  } finally {
    again.close()
  }
  const importRow = await newJobRow(page, beforeImport)
  await expect(importRow.getByTestId('annotation-notes')).toHaveText("The dataset's info differed from an earlier import's; this import's are kept.")

  const labels = await readdir(join(scratch, 'seg', 'labels'))
  expect(labels).toHaveLength(128)
  const lines = (await Promise.all(labels.map((file) => readFile(join(scratch, 'seg', 'labels', file), 'utf8')))).join('').trim().split('\n')
  // One line per polygon (1048 of them across 929 objects) and one rectangle per crowd mask.
  expect(lines).toHaveLength(1048 + 10)
  expect(lines.every((line) => line.split(' ').length >= 7 && line.split(' ').length % 2 === 1)).toBe(true)
})
