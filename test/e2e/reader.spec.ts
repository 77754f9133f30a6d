import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import { parseDicomBytes } from '../../src/main/engines/dicom/parse'
import { expect, SHARED_DATA, test } from './fixtures'

const DICOM_DIR = join(SHARED_DATA, 'dicom')
/** rtdose.dcm: an RT dose grid of 15 frames, 5 mm apart (GridFrameOffsetVector), in one series. */
const DOSE_SERIES = '1.2.777.777.77.7.7777.7777'
/** The same grid as a second series (one UID digit changed): same frame of reference, same slice positions. */
const DOSE_COPY_SERIES = '1.2.777.777.77.7.7777.7778'
const DOSE_FRAMES = 15
const CT_SERIES = '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322'

let scratch = ''

test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-reader-'))
})

test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A folder with rtdose.dcm and a copy of it in a series of its own (the UID is rewritten in place, same length). */
async function twoDoseSeries(): Promise<string> {
  const folder = join(scratch, 'dose')
  await mkdir(folder)
  await copyFile(join(DICOM_DIR, 'rtdose.dcm'), join(folder, 'rtdose.dcm'))
  const bytes = await readFile(join(DICOM_DIR, 'rtdose.dcm'))
  // Series Instance UID (0020,000E), implicit VR little endian: the tag, a 4-byte length, then the UID.
  const element = Buffer.concat([Buffer.from([0x20, 0x00, 0x0e, 0x00]), Buffer.alloc(4), Buffer.from(DOSE_SERIES, 'latin1')])
  element.writeUInt32LE(DOSE_SERIES.length, 4)
  const at = bytes.indexOf(element)
  expect(at).toBeGreaterThan(0)
  bytes.write(DOSE_COPY_SERIES, at + 8, 'latin1')
  await writeFile(join(folder, 'rtdose-copy.dcm'), bytes)
  expect(parseDicomBytes(bytes).dataset.string('x0020000e')).toBe(DOSE_COPY_SERIES)
  return folder
}

/** Opens the reader from the Studies tree's Read button of a series. */
async function readSeries(page: Page, seriesUid: string): Promise<Locator> {
  const series = page.locator(`[data-testid="study-series"][data-series-uid="${seriesUid}"]`)
  await series.hover()
  await series.locator('xpath=..').getByTestId('study-series-read').click()
  await expect(page.getByTestId('reader')).toBeVisible()
  return page.getByTestId('reader-viewport').first()
}

async function wheelOver(page: Page, viewport: Locator, deltaY: number, modifier?: 'Control'): Promise<void> {
  const bounds = await viewport.boundingBox()
  if (!bounds) throw new Error('the viewport is not on screen')
  await page.mouse.move(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
  if (modifier) await page.keyboard.down(modifier)
  await page.mouse.wheel(0, deltaY)
  if (modifier) await page.keyboard.up(modifier)
}

test('a multi-frame dose grid: wheel and keys scroll it, Ctrl+wheel zooms, W/L stays, overlays, cine, and a second series linked', async ({ library }) => {
  const page = library.page
  await library.importAndWait(await twoDoseSeries())
  const viewport = await readSeries(page, DOSE_SERIES)
  await expect(viewport).toHaveAttribute('data-slices', String(DOSE_FRAMES))
  await expect(viewport).toHaveAttribute('data-slice-index', '0')
  await expect(viewport).toHaveAttribute('data-drawn-image-id', /^\d+$/)
  const slice = page.getByTestId('overlay-slice')
  await expect(slice).toHaveText(`Im 1/${DOSE_FRAMES}`)
  await expect(page.getByTestId('overlay-patient')).toHaveText('Lastname, Firstname')

  // The wheel moves one slice per notch, and the slice drawn follows.
  const firstDrawn = await viewport.getAttribute('data-drawn-image-id')
  await wheelOver(page, viewport, 100)
  await expect(viewport).toHaveAttribute('data-slice-index', '1')
  await expect(slice).toHaveText(`Im 2/${DOSE_FRAMES}`)
  await expect(viewport).not.toHaveAttribute('data-drawn-image-id', firstDrawn ?? '')
  await wheelOver(page, viewport, 100)
  await wheelOver(page, viewport, 100)
  await expect(viewport).toHaveAttribute('data-slice-index', '3')
  await wheelOver(page, viewport, -100)
  await expect(viewport).toHaveAttribute('data-slice-index', '2')
  await expect(slice).toHaveText(`Im 3/${DOSE_FRAMES}`)
  await expect(page.getByTestId('reader-overlays')).toContainText('Loc ')

  // Ctrl+wheel zooms about the cursor instead, by a step (the small grid fits at the largest zoom, so out); the
  // slice stays.
  const fitted = Number(await viewport.getAttribute('data-zoom'))
  await wheelOver(page, viewport, 100, 'Control')
  await expect.poll(async () => Number(await viewport.getAttribute('data-zoom'))).toBeLessThan(fitted)
  const zoomed = Number(await viewport.getAttribute('data-zoom'))
  expect(zoomed).toBeGreaterThanOrEqual(fitted / 2)
  await expect(viewport).toHaveAttribute('data-slice-index', '2')
  await expect(page.getByTestId('overlay-zoom')).toHaveText(`Zoom ${Math.round(zoomed * 100)}%`)

  // A left drag windows (wider to the right, higher level downwards); the window stays while scrolling on.
  const before = { center: Number(await viewport.getAttribute('data-window-center')), width: Number(await viewport.getAttribute('data-window-width')) }
  const bounds = (await viewport.boundingBox())!
  const middle = { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 }
  await page.mouse.move(middle.x, middle.y)
  await page.mouse.down()
  await page.mouse.move(middle.x + 100, middle.y + 50, { steps: 5 })
  await page.mouse.up()
  await expect.poll(async () => Number(await viewport.getAttribute('data-window-width'))).toBeGreaterThan(before.width)
  const windowed = { center: await viewport.getAttribute('data-window-center'), width: await viewport.getAttribute('data-window-width') }
  expect(Number(windowed.center)).toBeGreaterThan(before.center)
  await wheelOver(page, viewport, 100)
  await expect(viewport).toHaveAttribute('data-slice-index', '3')
  const drawnAfterScroll = await viewport.getAttribute('data-drawn-image-id')
  await expect(viewport).toHaveAttribute('data-window-center', windowed.center ?? '')
  await expect(viewport).toHaveAttribute('data-window-width', windowed.width ?? '')
  await expect(viewport).toHaveAttribute('data-zoom', String(zoomed))
  expect(drawnAfterScroll).not.toBe('')

  // Keys: ↓ ↑, End, Home, PageDown.
  await page.keyboard.press('ArrowDown')
  await expect(viewport).toHaveAttribute('data-slice-index', '4')
  await page.keyboard.press('End')
  await expect(viewport).toHaveAttribute('data-slice-index', String(DOSE_FRAMES - 1))
  await expect(slice).toHaveText(`Im ${DOSE_FRAMES}/${DOSE_FRAMES}`)
  await page.keyboard.press('Home')
  await expect(viewport).toHaveAttribute('data-slice-index', '0')
  await page.keyboard.press('PageDown')
  await expect(viewport).toHaveAttribute('data-slice-index', '10')
  await page.keyboard.press('ArrowUp')
  await expect(slice).toHaveText(`Im 10/${DOSE_FRAMES}`)

  // I hides the overlays and shows them again.
  await page.keyboard.press('i')
  await expect(page.getByTestId('reader-overlays')).toHaveCount(0)
  await page.keyboard.press('i')
  await expect(slice).toHaveText(`Im 10/${DOSE_FRAMES}`)
  await page.screenshot({ path: '/tmp/loupe-reader.png' })

  // Cine: Space plays (the slice moves on by itself), the button pauses.
  await page.keyboard.press(' ')
  await expect(viewport).toHaveAttribute('data-playing', 'true')
  await expect(viewport).not.toHaveAttribute('data-slice-index', '9')
  const playedTo = (await viewport.getAttribute('data-slice-index')) ?? ''
  await expect(viewport).not.toHaveAttribute('data-slice-index', playedTo)
  await page.getByTestId('reader-cine').click()
  await expect(viewport).toHaveAttribute('data-playing', 'false')
  const paused = Number(await viewport.getAttribute('data-slice-index'))
  await page.keyboard.press('ArrowDown')
  await expect(viewport).toHaveAttribute('data-slice-index', String(Math.min(DOSE_FRAMES - 1, paused + 1)))

  // Compare (C): the copy in the same frame of reference, linked by position; scrolling one moves both.
  await page.keyboard.press('Home')
  await page.keyboard.press('c')
  const picker = page.getByTestId('reader-compare-dialog')
  const copy = picker.locator(`[data-testid="reader-compare-series"][data-series-uid="${DOSE_COPY_SERIES}"]`)
  await expect(copy).toHaveAttribute('data-same-patient', 'true')
  await copy.click()
  await expect(picker).toBeHidden()
  const viewports = page.getByTestId('reader-viewport')
  await expect(viewports).toHaveCount(2)
  const [left, right] = [viewports.nth(0), viewports.nth(1)]
  await expect(right).toHaveAttribute('data-slices', String(DOSE_FRAMES))
  await expect(left).toHaveAttribute('data-active', 'true')
  await expect(right).toHaveAttribute('data-active', 'false')
  await expect(page.getByTestId('reader-link')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('reader-link')).toHaveAttribute('data-by-position', 'true')
  await wheelOver(page, left, 100)
  await expect(left).toHaveAttribute('data-slice-index', '1')
  await expect(right).toHaveAttribute('data-slice-index', '1')
  await page.keyboard.press('PageDown')
  await expect(left).toHaveAttribute('data-slice-index', '11')
  await expect(right).toHaveAttribute('data-slice-index', '11')
  // Each keeps its own window: the right one still has the series' own.
  expect(await right.getAttribute('data-window-width')).not.toBe(windowed.width)
  await page.screenshot({ path: '/tmp/loupe-reader-compare.png' })

  // A click makes the other viewport the active one: the keys go to it, and the first follows.
  await right.click()
  await expect(right).toHaveAttribute('data-active', 'true')
  await expect(left).toHaveAttribute('data-active', 'false')
  await page.keyboard.press('ArrowUp')
  await expect(right).toHaveAttribute('data-slice-index', '10')
  await expect(left).toHaveAttribute('data-slice-index', '10')

  // Unlinked, the other viewport stays where it is.
  await page.getByTestId('reader-link').click()
  await expect(page.getByTestId('reader-link')).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('ArrowDown')
  await expect(right).toHaveAttribute('data-slice-index', '11')
  await expect(left).toHaveAttribute('data-slice-index', '10')

  // Each viewport has its own window: a preset key (F3, the second preset) changes the active one only; R resets it.
  const rightOwn = await right.getAttribute('data-window-width')
  const leftWindow = await left.getAttribute('data-window-width')
  await page.keyboard.press('F3')
  await expect(right).not.toHaveAttribute('data-window-width', rightOwn ?? '')
  await expect(left).toHaveAttribute('data-window-width', leftWindow ?? '')
  const rightFitted = (await right.getAttribute('data-zoom')) ?? ''
  await wheelOver(page, right, 100, 'Control')
  await expect(right).not.toHaveAttribute('data-zoom', rightFitted)
  await page.keyboard.press('r')
  await expect(right).toHaveAttribute('data-window-width', rightOwn ?? '')
  await expect(right).toHaveAttribute('data-zoom', rightFitted)
  await expect(left).toHaveAttribute('data-window-width', leftWindow ?? '')

  // Closing the second viewport leaves the first, which has the keys again.
  await page.getByTestId('reader-compare-close').click()
  await expect(viewports).toHaveCount(1)
  await page.keyboard.press('ArrowDown')
  await expect(left).toHaveAttribute('data-slice-index', '11')

  // Esc closes the reader.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('reader')).toBeHidden()
})

test('a CT slice: HU under the cursor, Export view as a PNG through the window on screen, and over to annotation and back', async ({ library }) => {
  const page = library.page
  await library.importAndWait(join(DICOM_DIR, 'CT_small.dcm'))
  const viewport = await readSeries(page, CT_SERIES)
  await expect(viewport).toHaveAttribute('data-drawn-image-id', /^\d+$/)
  const imageId = Number(await viewport.getAttribute('data-drawn-image-id'))

  // + zooms in a step about the middle, − out, 0 fits again. The toolbar gains the series' presets once its frame is
  // read, which can wrap it onto a second line and shrink the viewport: the fit is final only then (seen on a loaded CI).
  await expect(page.locator('[data-testid="reader-preset"]').first()).toBeVisible()
  const fitted = Number(await viewport.getAttribute('data-zoom'))
  await page.keyboard.press('+')
  await expect.poll(async () => Number(await viewport.getAttribute('data-zoom'))).toBeCloseTo(fitted * 1.25, 5)
  await page.keyboard.press('-')
  await page.keyboard.press('-')
  await expect.poll(async () => Number(await viewport.getAttribute('data-zoom'))).toBeCloseTo(fitted / 1.25, 5)
  await page.keyboard.press('0')
  await expect(viewport).toHaveAttribute('data-zoom', String(fitted))

  // The lung preset, then invert with V.
  await page.locator('[data-testid="reader-preset"][data-preset="lung"]').click()
  await expect(viewport).toHaveAttribute('data-window-center', '-600')
  await expect(viewport).toHaveAttribute('data-window-width', '1500')
  await expect(page.getByTestId('overlay-window')).toContainText('W 1500 L −600 HU')
  await page.keyboard.press('v')
  await expect(viewport).toHaveAttribute('data-inverted', 'true')

  await page.getByTestId('reader-export').click()
  const dialog = page.getByTestId('scan-export-dialog')
  await expect(dialog.getByTestId('scan-export-scope')).toHaveAttribute('data-count', '1')
  await expect(dialog.getByTestId('scan-export-deidentify')).toBeChecked()
  await expect(dialog.getByTestId('scan-export-burn-in')).not.toBeChecked()
  await expect(dialog.getByTestId('scan-export-location')).not.toHaveValue('')
  await dialog.getByTestId('scan-export-location').fill(scratch)
  await dialog.getByTestId('scan-export-folder-name').fill('view')
  await dialog.getByTestId('scan-export-submit').click()
  const written = dialog.getByTestId('scan-export-file')
  await expect(written).toHaveCount(1)
  const pngPath = (await written.getAttribute('data-file')) ?? ''
  expect(pngPath).toBe(join(scratch, 'view', 'image-0001.png'))
  await dialog.getByTestId('scan-export-done').click()

  // Every grey level is the raw HU through W 1500 L −600, inverted (255 − level), to within a rounding step.
  const raw = await page.evaluate(async (id) => {
    const token = sessionStorage.getItem('loupe.accessToken') ?? ''
    const response = await fetch(`/media/raw/${id}?token=${encodeURIComponent(token)}`)
    if (!response.ok) throw new Error(`raw ${id}: HTTP ${response.status} ${await response.text()}`)
    const buffer = await response.arrayBuffer()
    if (buffer.byteLength % 4) throw new Error(`raw ${id}: ${buffer.byteLength} bytes, ${new TextDecoder().decode(buffer.slice(0, 200))}`)
    return [...new Float32Array(buffer)]
  }, imageId)
  const { data, info } = await sharp(await readFile(pngPath)).greyscale().raw().toBuffer({ resolveWithObject: true })
  expect(info.width * info.height).toBe(raw.length)
  const low = -600 - 1500 / 2
  let worst = 0
  raw.forEach((value, index) => {
    const level = Math.min(255, Math.max(0, ((value - low) / 1500) * 255))
    worst = Math.max(worst, Math.abs(data[index]! - (255 - level)))
  })
  expect(worst).toBeLessThanOrEqual(1.5)

  // The value under the cursor, with its unit, is the media server's for that pixel.
  const bounds = (await viewport.boundingBox())!
  const [zoom, offsetX, offsetY] = await Promise.all(['data-zoom', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await viewport.getAttribute(name))))
  await page.mouse.move(bounds.x + 1 + offsetX! + 70.5 * zoom!, bounds.y + 1 + offsetY! + 60.5 * zoom!)
  const probe = page.getByTestId('overlay-probe')
  await expect(probe).toHaveAttribute('data-x', '70')
  await expect(probe).toHaveAttribute('data-y', '60')
  await expect(probe).toHaveAttribute('data-units', 'HU')
  expect(Number(await probe.getAttribute('data-value'))).toBe(raw[60 * info.width + 70])
  await expect(probe).toContainText('HU')

  // Annotate opens the workspace on the slice shown; its DICOM panel's Read series comes back to the reader.
  await page.getByTestId('reader-annotate').click()
  await expect(library.viewer).toBeVisible()
  await expect(page.getByTestId('annotate-canvas')).toHaveAttribute('data-image-id', String(imageId))
  await page.getByTestId('dicom-read-series').click()
  await expect(library.viewer).toBeHidden()
  await expect(page.getByTestId('reader-viewport')).toHaveAttribute('data-drawn-image-id', String(imageId))
  await page.getByTestId('reader-close').click()
  await expect(page.getByTestId('reader')).toBeHidden()
})

test('a colour multi-frame file is shown as it is stored: no window, the pixel under the cursor without a value', async ({ library }) => {
  const page = library.page
  await library.importAndWait(join(DICOM_DIR, 'SC_rgb_rle_2frame.dcm'))
  const series = page.getByTestId('study-series')
  const seriesUid = (await series.getAttribute('data-series-uid')) ?? ''
  const viewport = await readSeries(page, seriesUid)
  await expect(viewport).toHaveAttribute('data-slices', '2')
  await expect(viewport).toHaveAttribute('data-drawn-image-id', /^\d+$/)
  const first = await viewport.getAttribute('data-drawn-image-id')
  await expect(page.getByTestId('overlay-window')).toHaveCount(0)
  await expect(page.getByTestId('reader-invert')).toBeDisabled()
  await wheelOver(page, viewport, 100)
  await expect(page.getByTestId('overlay-slice')).toHaveText('Im 2/2')
  await expect(viewport).not.toHaveAttribute('data-drawn-image-id', first ?? '')
  // The picture drawn is the server's PNG: its middle pixel is not black.
  const painted = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="reader-viewport"] canvas')!
    const { width, height } = canvas
    const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.floor(width / 2), Math.floor(height / 2), 1, 1).data
    return r! + g! + b!
  })
  expect(painted).toBeGreaterThan(0)
  const bounds = (await viewport.boundingBox())!
  await page.mouse.move(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
  await expect(page.getByTestId('overlay-probe')).toHaveAttribute('data-value', '')
  await page.screenshot({ path: '/tmp/loupe-reader-colour.png' })
})
