import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { parseDicomBytes } from '../../src/main/engines/dicom/parse'
import type { Measurement, MeasurementPoint } from '../../src/shared/api/schemas'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi, type HostApi } from './hostApi'

const DICOM_DIR = join(SHARED_DATA, 'dicom')
/** CT_small.dcm: one 128 × 128 CT slice, alone in its series. */
const CT_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322'
/** rtdose.dcm: an RT dose grid of 15 frames in one series. */
const DOSE_SERIES = '1.2.777.777.77.7.7777.7777'

let scratch = ''
let host: HostApi | null = null

test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-measure-'))
})

test.afterEach(async () => {
  host?.close()
  host = null
  await rm(scratch, { recursive: true, force: true })
})

/** A folder holding only the given files of the shared DICOM data: a quick import. */
async function folderOf(...files: string[]): Promise<string> {
  const folder = join(scratch, 'scans')
  await mkdir(folder)
  for (const file of files) await copyFile(join(DICOM_DIR, file), join(folder, file))
  return folder
}

interface CtSlice {
  width: number
  height: number
  /** HU, row by row, as the file's stored values and rescale give them (read here, not by the app's decoder). */
  hu: Float64Array
  /** Millimetres between rows and between columns, from PixelSpacing. */
  spacing: { row: number; column: number }
}

/** CT_small's pixels and spacing straight from the file: uncompressed, little endian, 16 bits a pixel. */
async function readCtSlice(): Promise<CtSlice> {
  const file = parseDicomBytes(await readFile(join(DICOM_DIR, 'CT_small.dcm')))
  const data = file.dataset
  expect(file.littleEndian).toBe(true)
  expect(data.uint16('x00280100')).toBe(16)
  const height = data.uint16('x00280010') ?? 0
  const width = data.uint16('x00280011') ?? 0
  const signed = data.uint16('x00280103') === 1
  const slope = Number(data.string('x00281053') ?? '1')
  const intercept = Number(data.string('x00281052') ?? '0')
  const pixelData = data.elements['x7fe00010']
  if (!pixelData) throw new Error('CT_small has no pixel data')
  const stored = new DataView(file.bytes.buffer, file.bytes.byteOffset + pixelData.dataOffset, width * height * 2)
  const hu = new Float64Array(width * height)
  for (let i = 0; i < hu.length; i++) hu[i] = (signed ? stored.getInt16(i * 2, true) : stored.getUint16(i * 2, true)) * slope + intercept
  const [row, column] = (data.string('x00280030') ?? '').split('\\').map(Number)
  if (!row || !column) throw new Error('CT_small has no PixelSpacing')
  return { width, height, hu, spacing: { row, column } }
}

/** The mean of the HU of the pixels whose centres lie in the rectangle with corners a and b, or in its ellipse. */
function regionMean(kind: 'rectangle' | 'ellipse', [a, b]: MeasurementPoint[], ct: CtSlice): number {
  if (!a || !b) throw new Error('a region has two corners')
  const [left, right, top, bottom] = [Math.min(a.x, b.x), Math.max(a.x, b.x), Math.min(a.y, b.y), Math.max(a.y, b.y)]
  const centre = { x: (left + right) / 2, y: (top + bottom) / 2 }
  let sum = 0
  let count = 0
  for (let row = 0; row < ct.height; row++) {
    for (let column = 0; column < ct.width; column++) {
      const x = column + 0.5
      const y = row + 0.5
      const inside =
        kind === 'rectangle'
          ? x >= left && x <= right && y >= top && y <= bottom
          : ((x - centre.x) / ((right - left) / 2)) ** 2 + ((y - centre.y) / ((bottom - top) / 2)) ** 2 <= 1
      if (!inside) continue
      sum += ct.hu[row * ct.width + column]!
      count++
    }
  }
  expect(count).toBeGreaterThan(0)
  return sum / count
}

/** A number as a label writes it ("−1,012.5"), and how far the label's rounding may take it from the true value. */
function labelNumber(text: string): { value: number; rounding: number } {
  const plain = text.replace('−', '-').replaceAll(',', '')
  const decimals = plain.split('.')[1]?.length ?? 0
  return { value: Number(plain), rounding: 0.5 * 10 ** -decimals + 1e-9 }
}

function expectLabelled(text: string | undefined, expected: number): void {
  if (text === undefined) throw new Error('no such value in the label')
  const { value, rounding } = labelNumber(text)
  expect(Math.abs(value - expected)).toBeLessThanOrEqual(rounding)
}

/** The measurements drawn on the reader's stages, with their labels, as the layer names its Konva shapes. */
function drawnMeasurements(page: Page): Promise<{ id: number; label: string }[]> {
  return page.evaluate(() => {
    interface KonvaNode {
      getAttr(name: string): unknown
    }
    const konva = (window as unknown as { Konva: { stages: { find(selector: string): KonvaNode[] }[] } }).Konva
    return konva.stages
      .flatMap((stage) => stage.find('.measurement'))
      .map((node) => ({ id: Number(node.getAttr('measurementId')), label: String(node.getAttr('labelText')) }))
  })
}

async function labelOf(page: Page, measurementId: number): Promise<string> {
  let label = ''
  await expect
    .poll(async () => {
      label = (await drawnMeasurements(page)).find((drawn) => drawn.id === measurementId)?.label ?? ''
      return label
    })
    .not.toBe('')
  return label
}

/** The alpha of the measurement layer's canvas at an image point: what the layer really drew there. */
async function drawnAlpha(page: Page, viewport: Locator, point: MeasurementPoint): Promise<number> {
  const [scale, offsetX, offsetY] = await Promise.all(['data-zoom', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await viewport.getAttribute(name))))
  const at = { x: offsetX! + point.x * scale!, y: offsetY! + point.y * scale! }
  return page.evaluate((at) => {
    interface KonvaLayer {
      getNativeCanvasElement(): HTMLCanvasElement
      getCanvas(): { getPixelRatio(): number }
    }
    const konva = (window as unknown as { Konva: { stages: { find(selector: string): { getLayer(): KonvaLayer }[] }[] } }).Konva
    const layer = konva.stages.flatMap((stage) => stage.find('.measurement'))[0]?.getLayer()
    if (!layer) throw new Error('no measurement layer')
    const ratio = layer.getCanvas().getPixelRatio()
    const context = layer.getNativeCanvasElement().getContext('2d')
    return context?.getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data[3] ?? 0
  }, at)
}

/** Opens the reader from the Studies tree's Read button of a series, and waits for its first slice to be drawn. */
async function readSeries(page: Page, seriesUid: string): Promise<Locator> {
  // The series row (the innermost item holding the series) shows its Read button while hovered.
  const row = page.locator('li', { has: page.locator(`[data-testid="study-series"][data-series-uid="${seriesUid}"]`) }).last()
  await row.hover()
  await row.getByTestId('study-series-read').click()
  const viewport = page.getByTestId('reader-viewport').first()
  await expect(viewport).toHaveAttribute('data-drawn-image-id', /^\d+$/)
  return viewport
}

/** Page coordinates of an image pixel position, through the transform the viewport publishes. */
async function toPage(viewport: Locator, point: MeasurementPoint): Promise<MeasurementPoint> {
  const bounds = await viewport.locator('.reader-stage').boundingBox()
  if (!bounds) throw new Error('the viewport is not on screen')
  const [scale, offsetX, offsetY] = await Promise.all(['data-zoom', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await viewport.getAttribute(name))))
  return { x: bounds.x + offsetX! + point.x * scale!, y: bounds.y + offsetY! + point.y * scale! }
}

async function drag(page: Page, viewport: Locator, from: MeasurementPoint, to: MeasurementPoint): Promise<void> {
  const start = await toPage(viewport, from)
  const end = await toPage(viewport, to)
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(end.x, end.y, { steps: 8 })
  await page.mouse.up()
}

/** The image's measurements once there are `count` of them, as the services store them. */
async function storedMeasurements(api: HostApi, imageId: number, count: number): Promise<Measurement[]> {
  let measurements: Measurement[] = []
  await expect
    .poll(async () => {
      measurements = (await api.api.annotations.get({ imageId })).measurements
      return measurements.length
    })
    .toBe(count)
  return measurements
}

function expectNear(points: readonly MeasurementPoint[], wanted: readonly MeasurementPoint[]): void {
  expect(points).toHaveLength(wanted.length)
  points.forEach((point, index) => {
    // Within a screen pixel of where the mouse went: the layer maps the pointer through the viewport's transform.
    expect(Math.abs(point.x - wanted[index]!.x)).toBeLessThan(1)
    expect(Math.abs(point.y - wanted[index]!.y)).toBeLessThan(1)
  })
}

test('on CT_small: a length in mm from PixelSpacing, rectangle and ellipse means in HU, undo and redo, kept after a reload, listed', async ({ library, host: running }) => {
  const page = library.page
  const ct = await readCtSlice()
  host = await connectApi(running.url)
  await library.importAndWait(await folderOf('CT_small.dcm'))
  const viewport = await readSeries(page, CT_SERIES)
  const imageId = Number(await viewport.getAttribute('data-drawn-image-id'))

  // L picks the length tool; a left drag then measures instead of windowing.
  const windowWidth = await viewport.getAttribute('data-window-width')
  await page.keyboard.press('l')
  await expect(page.getByTestId('measure-tool-length')).toHaveAttribute('aria-pressed', 'true')
  await drag(page, viewport, { x: 20.5, y: 30.5 }, { x: 100.5, y: 90.5 })
  const [length] = await storedMeasurements(host, imageId, 1)
  expect(length!.kind).toBe('length')
  expectNear(length!.points, [{ x: 20.5, y: 30.5 }, { x: 100.5, y: 90.5 }])
  await expect(viewport).toHaveAttribute('data-window-width', windowWidth ?? '')
  const [a, b] = length!.points
  const millimetres = Math.hypot((b!.x - a!.x) * ct.spacing.column, (b!.y - a!.y) * ct.spacing.row)
  const lengthLabel = await labelOf(page, length!.id)
  expect(lengthLabel).toMatch(/^[\d.,]+ mm$/)
  expectLabelled(lengthLabel.split(' ')[0], millimetres)
  // Drawn on the canvas along its line, and nowhere near the far corner of the image.
  await expect.poll(async () => drawnAlpha(page, viewport, { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 })).toBeGreaterThan(0)
  expect(await drawnAlpha(page, viewport, { x: 5, y: 120 })).toBe(0)

  // A rectangle (B) and an ellipse (O): their means are those of the raw HU of the pixels inside.
  await page.keyboard.press('b')
  await drag(page, viewport, { x: 30, y: 40 }, { x: 62, y: 71 })
  const rectangle = (await storedMeasurements(host, imageId, 2)).find((m) => m.kind === 'rectangle')!
  await page.keyboard.press('o')
  await drag(page, viewport, { x: 60, y: 20 }, { x: 110, y: 60 })
  const ellipse = (await storedMeasurements(host, imageId, 3)).find((m) => m.kind === 'ellipse')!
  for (const region of [rectangle, ellipse]) {
    // The statistics come with the slice's values, which may still be on their way.
    await expect.poll(async () => labelOf(page, region.id)).toContain('HU')
    const label = await labelOf(page, region.id)
    expect(label).toMatch(/^Area [\d.,]+ mm²\n/)
    const mean = /Mean (\S+) ± \S+ HU/.exec(label)?.[1]
    expectLabelled(mean, regionMean(region.kind as 'rectangle' | 'ellipse', region.points, ct))
  }

  // Undo takes the ellipse away, redo brings it back, with the services' history.
  await page.keyboard.press('Control+z')
  await storedMeasurements(host, imageId, 2)
  await expect.poll(async () => (await drawnMeasurements(page)).length).toBe(2)
  await page.keyboard.press('Control+Shift+z')
  await storedMeasurements(host, imageId, 3)
  await expect.poll(async () => (await drawnMeasurements(page)).length).toBe(3)

  // The list has all three with the same values; Esc drops the tool before it would close the reader.
  const rows = page.getByTestId('measurement-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.filter({ hasText: 'Length' })).toContainText(lengthLabel)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('measure-tool-ellipse')).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByTestId('reader')).toBeVisible()

  // After a reload, the measurements are still there, drawn and listed; a row selects its measurement.
  await page.reload()
  await library.ready()
  await readSeries(page, CT_SERIES)
  await expect.poll(async () => (await drawnMeasurements(page)).map((drawn) => drawn.id).sort()).toEqual([length!.id, rectangle.id, ellipse.id].sort())
  expect(await labelOf(page, length!.id)).toBe(lengthLabel)
  await expect(rows).toHaveCount(3)
  await rows.filter({ hasText: 'Length' }).locator('.measurement-row-open').click()
  await expect(rows.filter({ hasText: 'Length' })).toHaveClass(/is-selected/)
  await expect(page.getByTestId('measure-delete')).toBeEnabled()
  await page.screenshot({ path: '/tmp/loupe-measure-ct.png' })

  // The list's export writes the measured slice with measurements.csv: one row a measurement.
  await page.getByTestId('measurements-export').click()
  const dialog = page.getByTestId('scan-export-dialog')
  await expect(dialog.getByTestId('scan-export-scope')).toHaveAttribute('data-count', '1')
  // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
  await expect(dialog.getByTestId('scan-export-location')).not.toHaveValue('')
  await dialog.getByTestId('scan-export-location').fill(scratch)
  await dialog.getByTestId('scan-export-folder-name').fill('measured')
  await dialog.getByTestId('scan-export-submit').click()
  await expect(dialog.getByTestId('scan-export-report')).toBeVisible()
  const csv = (await readFile(join(scratch, 'measured', 'measurements.csv'), 'utf8')).trim().split(/\r?\n/)
  expect(csv).toHaveLength(4)
  await dialog.getByTestId('scan-export-done').click()
  await expect(page.getByTestId('reader')).toBeVisible()
})

test('a multi-frame series: a measurement listed by slice, opened on its slice from the list, moved by its handle, deleted from the list; an angle in two gestures', async ({ library, host: running }) => {
  const page = library.page
  host = await connectApi(running.url)
  await library.importAndWait(await folderOf('rtdose.dcm'))
  const viewport = await readSeries(page, DOSE_SERIES)

  // Slice 4: a length.
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown')
  await expect(viewport).toHaveAttribute('data-slice-index', '3')
  const stack = await host.api.dicom.stack({ imageId: Number(await viewport.getAttribute('data-drawn-image-id')) })
  const sliceId = stack.slices[3]!.imageId
  // Measured once that slice is drawn: the layer draws on the slice the viewport shows.
  await expect(viewport).toHaveAttribute('data-drawn-image-id', String(sliceId))
  await page.getByTestId('measure-tool-length').click()
  await drag(page, viewport, { x: 2, y: 2 }, { x: 8, y: 6 })
  const [length] = await storedMeasurements(host, sliceId, 1)
  const rows = page.getByTestId('measurement-row')
  await expect(rows).toHaveCount(1)
  await expect(rows).toContainText('Im 4')

  // From the first slice, the row opens slice 4 with the length selected.
  await page.keyboard.press('Home')
  await expect(viewport).toHaveAttribute('data-slice-index', '0')
  await rows.locator('.measurement-row-open').click()
  await expect(viewport).toHaveAttribute('data-slice-index', '3')
  await expect(viewport).toHaveAttribute('data-drawn-image-id', String(sliceId))
  await expect(rows).toHaveClass(/is-selected/)

  // Its end dragged elsewhere moves that point only.
  const [start, end] = length!.points
  await drag(page, viewport, end!, { x: end!.x, y: end!.y + 3 })
  await expect.poll(async () => (await host!.api.annotations.get({ imageId: sliceId })).measurements[0]!.points[1]!.y).toBeCloseTo(end!.y + 3, 0)
  const moved = (await host.api.annotations.get({ imageId: sliceId })).measurements[0]!
  expect(moved.points[0]).toEqual(start)

  // Deleted from its row: gone from the list, the slice and the services.
  await rows.getByTestId('measurement-row-delete').click()
  await expect(rows).toHaveCount(0)
  await storedMeasurements(host, sliceId, 0)
  await expect.poll(async () => (await drawnMeasurements(page)).length).toBe(0)

  // An angle (A): its first arm dragged, then a click where the second arm ends.
  await page.keyboard.press('a')
  await drag(page, viewport, { x: 2, y: 8 }, { x: 5, y: 5 })
  const third = await toPage(viewport, { x: 8, y: 8 })
  await page.mouse.move(third.x, third.y, { steps: 4 })
  await page.mouse.down()
  await page.mouse.up()
  const [angle] = await storedMeasurements(host, sliceId, 1)
  expect(angle!.kind).toBe('angle')
  expectNear(angle!.points, [{ x: 2, y: 8 }, { x: 5, y: 5 }, { x: 8, y: 8 }])
  const [end1, vertex, end2] = angle!.points
  // The grid's rows and columns are both 10 mm apart, so the angle is the one between the arms in pixels.
  const degrees = (Math.abs(Math.atan2(end2!.y - vertex!.y, end2!.x - vertex!.x) - Math.atan2(end1!.y - vertex!.y, end1!.x - vertex!.x)) * 180) / Math.PI
  const angleLabel = await labelOf(page, angle!.id)
  expect(angleLabel).toMatch(/^[\d.]+°$/)
  expectLabelled(angleLabel.slice(0, -1), degrees)
  await expect(rows).toContainText('Angle')
})
