import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import { parseDicomBytes } from '../../src/main/engines/dicom/parse'
import { expect, SHARED_DATA, test } from './fixtures'
import { newestJobId, newJobRow } from './jobTray'

const DICOM_DIR = join(SHARED_DATA, 'dicom')
/** CT_small.dcm: a 128 × 128 CT slice (HU = stored − 1024), alone in its series, with no window of its own. */
const CT_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322'
const CT_SOP_INSTANCE = '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322'
const CT_SIZE = 128

interface CocoFile {
  images: { id: number; file_name: string; dicom?: Record<string, unknown> }[]
  annotations: { image_id: number; category_id: number; bbox: number[] }[]
  categories: { id: number; name: string }[]
}

let scratch = ''

test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-dicom-'))
})

test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Page coordinates of an image pixel, through the transform the canvas publishes. */
async function toPage(canvas: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  const bounds = await canvas.boundingBox()
  if (!bounds) throw new Error('the canvas is not on screen')
  const [scale, offsetX, offsetY] = await Promise.all(
    ['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await canvas.getAttribute(name))),
  )
  return { x: bounds.x + offsetX! + x * scale!, y: bounds.y + offsetY! + y * scale! }
}

/**
 * The grey levels the page really shows: the image layer's canvas, read back and summed, once it has drawn the frame
 * through `rendering` ("center/width/inverted"). The bar says what the canvas holds as soon as it is rendered; the
 * layer draws it on a later animation frame, which a loaded machine can delay past the next read.
 */
async function shownPixels(page: Page, rendering: string): Promise<number> {
  await expect(page.getByTestId('window-level')).toHaveAttribute('data-drawn', rendering)
  return page.evaluate(() => {
    const layer = document.querySelector<HTMLCanvasElement>('[data-testid="annotate-canvas"] canvas')
    const context = layer?.getContext('2d')
    if (!layer || !context) throw new Error('no image layer')
    const { data } = context.getImageData(0, 0, layer.width, layer.height)
    let sum = 0
    for (let i = 0; i < data.length; i += 4) sum += data[i]!
    return sum
  })
}

/** The value the media server has for one pixel of an image: what the readout must agree with. */
function rawValue(page: Page, imageId: number, x: number, y: number): Promise<number> {
  return page.evaluate(
    async ({ imageId, index }) => {
      const token = sessionStorage.getItem('loupe.accessToken') ?? ''
      const response = await fetch(`/media/raw/${imageId}?token=${encodeURIComponent(token)}`)
      return new DataView(await response.arrayBuffer()).getFloat32(index * 4, true)
    },
    { imageId, index: y * CT_SIZE + x },
  )
}

test('a CT from the series tree: window/level by preset, key and drag, invert, HU readout, a box, then COCO', async ({ library }) => {
  const page = library.page
  await library.importAndWait(DICOM_DIR)

  // The Studies section: patient → study → series, with counts. The CT's patient opens to its study and series.
  const studies = page.getByTestId('studies')
  await expect(studies).toBeVisible()
  const patient = studies.getByTestId('study-patient').filter({ hasText: 'CompressedSamples, CT1' })
  await expect(patient).toHaveAttribute('aria-expanded', 'false')
  await patient.click()
  const series = studies.locator(`[data-testid="study-series"][data-series-uid="${CT_SERIES}"]`)
  await expect(series).toHaveAttribute('data-modality', 'CT')
  await expect(series).toHaveAttribute('data-count', '1')
  await series.click()
  await expect(series).toHaveAttribute('aria-pressed', 'true')
  await library.expectGridCount(1)
  await expect(page.getByTestId('grid-title')).toContainText('CT #1')
  await page.screenshot({ path: '/tmp/loupe-dicom-series-tree.png' })

  // Opening a DICOM image reads it in its series; the reader's Annotate leads on to the annotation workspace, where the
  // frame is drawn through its own window (none in the file: one spanning its values).
  await library.tile(0).dblclick()
  await expect(page.getByTestId('reader-viewport')).toHaveAttribute('data-drawn-image-id', /\d+/)
  await page.getByTestId('reader-annotate').click()
  const canvas = page.getByTestId('annotate-canvas')
  const imageId = Number(await canvas.getAttribute('data-image-id'))
  const bar = page.getByTestId('window-level')
  const current = page.getByTestId('wl-current')
  await expect(bar).toHaveAttribute('data-status', 'ready')
  await expect(bar).toHaveAttribute('data-rendered', '-38/1646/false')
  await expect(canvas).toHaveAttribute('data-rendered-image-id', String(imageId))
  await expect(current).toContainText('W 1646')
  await expect(current).toContainText('L −38')
  await expect(current).toContainText('Default')
  const atDefault = await shownPixels(page, '-38/1646/false')

  // The metadata panel: main tags as people read them, and every tag on request.
  const panel = page.getByTestId('dicom-panel')
  await expect(panel.locator('[data-testid="dicom-main"][data-keyword="PatientName"]')).toHaveText('CompressedSamples, CT1')
  await expect(panel.locator('[data-testid="dicom-main"][data-keyword="Modality"]')).toHaveText('CT')
  await expect(panel.locator('[data-testid="dicom-main"][data-keyword="PixelSpacing"]')).toHaveText('0.661468 × 0.661468 mm')
  await expect(panel.locator('[data-testid="dicom-main"][data-keyword="StudyDate"]')).toHaveText('2004-01-19')
  await panel.getByTestId('dicom-tags').locator('summary').click()
  await panel.getByTestId('dicom-tags-filter').fill('0028,1052')
  await expect(panel.getByTestId('dicom-tag')).toHaveCount(1)
  await expect(panel.getByTestId('dicom-tag')).toContainText('-1024')
  await panel.getByTestId('dicom-tags-filter').blur()

  // A preset by its button, another by its key: the window shown and the pixels drawn both change.
  await bar.locator('[data-testid="wl-preset"][data-preset="lung"]').click()
  await expect(bar).toHaveAttribute('data-rendered', '-600/1500/false')
  await expect(current).toContainText('W 1500')
  await expect(current).toContainText('Lung')
  const atLung = await shownPixels(page, '-600/1500/false')
  expect(atLung).not.toBe(atDefault)
  await page.keyboard.press('F6')
  await expect(bar).toHaveAttribute('data-preset', 'bone')
  await expect(bar).toHaveAttribute('data-rendered', '400/1800/false')
  await expect(current).toContainText('L 400')

  // A right drag: rightwards widens the window, downwards raises the level; nothing is drawn.
  const middle = await toPage(canvas, 64, 64)
  await page.mouse.move(middle.x, middle.y)
  await page.mouse.down({ button: 'right' })
  await page.mouse.move(middle.x + 120, middle.y + 60, { steps: 6 })
  await page.mouse.up({ button: 'right' })
  await expect(bar).toHaveAttribute('data-preset', '')
  const dragged = { center: Number(await bar.getAttribute('data-center')), width: Number(await bar.getAttribute('data-width')) }
  expect(dragged.width).toBeGreaterThan(1800 + 100)
  expect(dragged.center).toBeGreaterThan(400 + 50)
  await expect(bar).toHaveAttribute('data-rendered', `${dragged.center}/${dragged.width}/false`)
  await expect(current).toContainText(`W ${Math.round(dragged.width)}`)
  await expect(current).toContainText('Adjusted')
  await expect(canvas).toHaveAttribute('data-box-count', '0')
  const atDragged = await shownPixels(page, `${dragged.center}/${dragged.width}/false`)
  expect(atDragged).not.toBe(atLung)

  // Invert, by button and back by key.
  await page.getByTestId('wl-invert').click()
  await expect(bar).toHaveAttribute('data-rendered', `${dragged.center}/${dragged.width}/true`)
  expect(await shownPixels(page, `${dragged.center}/${dragged.width}/true`)).not.toBe(atDragged)
  await page.keyboard.press('i')
  await expect(bar).toHaveAttribute('data-inverted', 'false')

  // With the W/L tool on (L), a left drag adjusts the window too: leftwards narrows it, and still draws nothing.
  await page.keyboard.press('l')
  await expect(bar).toHaveAttribute('data-tool', 'true')
  await page.mouse.move(middle.x, middle.y)
  await page.mouse.down()
  await page.mouse.move(middle.x - 60, middle.y, { steps: 4 })
  await page.mouse.up()
  await expect.poll(async () => Number(await bar.getAttribute('data-width'))).toBeLessThan(dragged.width - 50)
  await expect(canvas).toHaveAttribute('data-box-count', '0')
  await page.keyboard.press('l')
  await expect(bar).toHaveAttribute('data-tool', 'false')

  // The value under the cursor, in HU, is the media server's value for that pixel.
  const probe = await toPage(canvas, 70.5, 60.5)
  await page.mouse.move(probe.x, probe.y)
  const readout = page.getByTestId('pixel-readout')
  await expect(readout).toHaveAttribute('data-x', '70')
  await expect(readout).toHaveAttribute('data-y', '60')
  await expect(readout).toHaveAttribute('data-units', 'HU')
  const value = Number(await readout.getAttribute('data-value'))
  expect(value).toBe(await rawValue(page, imageId, 70, 60))
  expect(value).toBeGreaterThanOrEqual(-1024)
  expect(value).toBeLessThanOrEqual(3071)
  await expect(readout).toContainText('HU')
  await page.screenshot({ path: '/tmp/loupe-dicom-workspace.png' })

  // A box of a new label, drawn with a left drag as on any image, in the frame's pixel coordinates.
  const newLabel = page.getByTestId('label-new-name')
  await newLabel.fill('vertebra')
  await newLabel.press('Enter')
  await expect(page.getByTestId('current-label')).toHaveAttribute('data-label', 'vertebra')
  await newLabel.blur()
  const from = await toPage(canvas, 20, 30)
  const to = await toPage(canvas, 80, 90)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
  const box = page.getByTestId('box-item')
  await expect(box).toHaveCount(1)
  await expect(box).toHaveAttribute('data-saved', 'true')
  await expect(box).toHaveAttribute('data-label', 'vertebra')

  // Reset brings back the image's own window; the help lists the window/level keys.
  await page.keyboard.press('r')
  await expect(bar).toHaveAttribute('data-default', 'true')
  await expect(bar).toHaveAttribute('data-rendered', '-38/1646/false')
  await page.keyboard.press('?')
  await expect(page.getByTestId('help-overlay')).toContainText('Window/level (DICOM)')
  await expect(page.getByTestId('help-overlay')).toContainText('Right drag')
  await page.screenshot({ path: '/tmp/loupe-dicom-help.png' })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help-overlay')).toBeHidden()
  await page.getByTestId('viewer-close').click()
  await expect(library.viewer).toBeHidden()
  // Closing the workspace goes back to the reader it was opened from, and closing that to the library.
  await page.getByTestId('reader-close').click()
  await expect(page.getByTestId('reader')).toBeHidden()

  // COCO through the Export dialog: the CT's entry has the box (and its DICOM identity, where the export gives one).
  const jobBefore = await newestJobId(page)
  await page.getByTestId('export-button').click()
  const dialog = page.getByTestId('export-dialog')
  await dialog.getByTestId('export-format-coco').check()
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
  await dialog.getByTestId('export-location').fill(scratch)
  await dialog.getByTestId('export-folder-name').fill('coco')
  await dialog.getByTestId('export-submit').click()
  await expect(dialog).toBeHidden()
  await expect(await newJobRow(page, jobBefore)).toHaveAttribute('data-job-state', 'completed')
  const coco = JSON.parse(await readFile(join(scratch, 'coco', 'annotations.json'), 'utf8')) as CocoFile
  // Named after the file (as the PNG an export with images would write, or the file itself).
  const ct = coco.images.find((image) => /(^|\/)CT_small\.(dcm|png)$/.test(image.file_name))
  expect(ct).toBeDefined()
  const boxes = coco.annotations.filter((annotation) => annotation.image_id === ct!.id)
  expect(boxes).toHaveLength(1)
  expect(coco.categories.find((category) => category.id === boxes[0]!.category_id)?.name).toBe('vertebra')
  const [x, y, width, height] = boxes[0]!.bbox
  for (const [actual, expected] of [
    [x, 20],
    [y, 30],
    [width, 60],
    [height, 60],
  ] as const) {
    expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1.5)
  }
  if (ct!.dicom !== undefined) {
    expect(ct!.dicom).toMatchObject({ series_instance_uid: CT_SERIES, sop_instance_uid: CT_SOP_INSTANCE, frame_number: 1 })
  }

  // An MR series of 8 images (one slice in different encodings), without a rescale: values are the stored ones. A
  // window set on one image stays while stepping through its series, until Reset.
  await studies.getByTestId('study-patient').filter({ hasText: 'CompressedSamples, MR1' }).click()
  await studies.locator('[data-testid="study-series"][data-modality="MR"]').click()
  await library.expectGridCount(8)
  await library.tile(0).dblclick()
  await expect(page.getByTestId('reader-viewport')).toHaveAttribute('data-drawn-image-id', /\d+/)
  await page.getByTestId('reader-annotate').click()
  await expect(bar).toHaveAttribute('data-rendered', '600/1600/false')
  // No HU presets on MR: the window fitted to its values and its full range instead.
  await expect(bar.getByTestId('wl-preset')).toHaveCount(2)
  await expect(bar.locator('[data-testid="wl-preset"][data-preset="auto"]')).toBeVisible()
  await expect(current).toContainText('Default')
  const mrMiddle = await toPage(canvas, 32, 32)
  await page.mouse.move(mrMiddle.x, mrMiddle.y)
  await page.mouse.down({ button: 'right' })
  await page.mouse.move(mrMiddle.x + 80, mrMiddle.y - 40, { steps: 4 })
  await page.mouse.up({ button: 'right' })
  await expect(bar).toHaveAttribute('data-default', 'false')
  const chosen = await bar.getAttribute('data-rendered')
  expect(chosen).not.toBe('600/1600/false')
  await page.keyboard.press('d')
  await expect(page.getByTestId('viewer-position')).toHaveText('2 of 8')
  const secondId = (await canvas.getAttribute('data-image-id')) ?? ''
  await expect(canvas).toHaveAttribute('data-rendered-image-id', secondId)
  await expect(bar).toHaveAttribute('data-image-id', secondId)
  await expect(bar).toHaveAttribute('data-rendered', chosen ?? '')
  await page.mouse.move(mrMiddle.x + 1, mrMiddle.y + 1)
  await expect(readout).toHaveAttribute('data-units', 'raw')
  await expect(readout).toContainText('raw')
  await page.screenshot({ path: '/tmp/loupe-dicom-mr.png' })
  await page.keyboard.press('r')
  await expect(bar).toHaveAttribute('data-default', 'true')
})

test('Export scans… from the Studies tree writes a de-identified PNG whose sidecar does not name the patient', async ({ library }) => {
  const page = library.page
  await library.importAndWait(join(DICOM_DIR, 'CT_small.dcm'))
  const source = parseDicomBytes(await readFile(join(DICOM_DIR, 'CT_small.dcm')))
  const patientName = source.dataset.string('x00100010')
  expect(patientName).toBe('CompressedSamples^CT1')

  // The selection bar offers it for a selection holding DICOM images; the dialog counts them.
  await library.tile(0).click()
  await page.screenshot({ path: '/tmp/loupe-scan-export-selection.png' })
  await page.getByTestId('selection-export-scans').click()
  let dialog = page.getByTestId('scan-export-dialog')
  await expect(dialog.getByTestId('scan-export-scope')).toHaveAttribute('data-count', '1')
  await expect(dialog.getByTestId('scan-export-scope')).toContainText('Exports the selection: 1 image from 1 series of 1 patient')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await page.getByTestId('selection-clear').click()

  // The series row's Export… button shows on hover (and on keyboard focus).
  const series = page.locator(`[data-testid="study-series"][data-series-uid="${CT_SERIES}"]`)
  await series.hover()
  await page.screenshot({ path: '/tmp/loupe-scan-export-series.png' })
  await page.locator('li', { has: series }).getByTestId('study-series-export').click()
  dialog = page.getByTestId('scan-export-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('scan-export-scope')).toHaveAttribute('data-state', 'ready')
  await expect(dialog.getByTestId('scan-export-format-png')).toBeChecked()
  await expect(dialog.getByTestId('scan-export-deidentify')).toBeChecked()
  await expect(dialog.getByTestId('scan-export-folder-name')).toHaveValue('scans-deidentified')
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('scan-export-location')).not.toHaveValue('')
  await dialog.getByTestId('scan-export-location').fill(scratch)
  await dialog.getByTestId('scan-export-folder-name').fill('ct-png')
  const out = join(scratch, 'ct-png')
  await expect(dialog.getByTestId('scan-export-destination')).toContainText(out)
  await page.screenshot({ path: '/tmp/loupe-scan-export-dialog.png' })
  await dialog.getByTestId('scan-export-submit').click()

  // The result: one PNG and its sidecar, nothing failed.
  const report = dialog.getByTestId('scan-export-report')
  await expect(report).toBeVisible()
  await expect(report.getByTestId('scan-export-written')).toHaveAttribute('data-count', '1')
  await expect(report.getByTestId('scan-export-written')).toContainText('Wrote 1 file and 1 JSON sidecar')
  await expect(report.getByTestId('scan-export-failure')).toHaveCount(0)
  await page.screenshot({ path: '/tmp/loupe-scan-export-report.png' })
  const written = report.getByTestId('scan-export-file')
  const pngPath = (await written.getAttribute('data-file')) ?? ''
  const sidecarPath = (await written.getAttribute('data-sidecar')) ?? ''
  expect(pngPath).toBe(join(out, 'image-0001.png'))
  expect(sidecarPath).toBe(join(out, 'image-0001.json'))

  const png = await readFile(pngPath)
  expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: CT_SIZE, height: CT_SIZE })
  expect(png.toString('latin1')).not.toContain('CompressedSamples')
  const sidecar = JSON.parse(await readFile(sidecarPath, 'utf8')) as { deidentified: boolean; tags: { keyword: string | null; value: string }[] }
  expect(sidecar.deidentified).toBe(true)
  expect(sidecar.tags.find((tag) => tag.keyword === 'PatientName')?.value ?? '').toBe('')
  expect(JSON.stringify(sidecar)).not.toContain('CompressedSamples')
  await dialog.getByTestId('scan-export-done').click()
  await expect(dialog).toBeHidden()

  // The same folder again: refused with the reason, nothing written beside the first export.
  await series.hover()
  await page.locator('li', { has: series }).getByTestId('study-series-export').click()
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('scan-export-location')).not.toHaveValue('')
  await dialog.getByTestId('scan-export-location').fill(scratch)
  await dialog.getByTestId('scan-export-folder-name').fill('ct-png')
  await dialog.getByTestId('scan-export-submit').click()
  await expect(dialog.getByTestId('scan-export-problem')).toContainText(`${out} already holds 2 image or JSON files`)
  await page.screenshot({ path: '/tmp/loupe-scan-export-refused.png' })
  expect((await readdir(out)).sort()).toEqual(['image-0001.json', 'image-0001.png'])
})
