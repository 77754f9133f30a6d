import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import type { Box, ImageAnnotations } from '../../src/shared/api/schemas'
import { bitmapFromRle } from '../../src/shared/shapes/bitmap'
import { decompressCounts, type Rle } from '../../src/shared/shapes/rle'
import { expect, test } from './fixtures'
import { connectApi, type HostApi } from './hostApi'
import type { LibraryPage } from './libraryPage'

const WIDTH = 800
const HEIGHT = 600

type Point = { x: number; y: number }

let scratch = ''
test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-mask-'))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="100%" height="100%" fill="#40607a"/><circle cx="400" cy="300" r="160" fill="#c08040"/></svg>`
  await sharp(Buffer.from(svg)).png().toFile(join(scratch, 'blob.png'))
})
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** The canvas, driven by the mouse in image pixels through the transform it publishes. */
class Canvas {
  readonly element: Locator

  constructor(readonly page: Page) {
    this.element = page.getByTestId('annotate-canvas')
  }

  async toPage(point: Point): Promise<Point> {
    const bounds = await this.element.boundingBox()
    if (!bounds) throw new Error('the canvas is not on screen')
    const [scale, x, y] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await this.element.getAttribute(name))))
    return { x: bounds.x + x! + point.x * scale!, y: bounds.y + y! + point.y * scale! }
  }

  /** A stroke from `from` to `to` in a few large moves, as a quick hand makes: the brush must fill between them. */
  async stroke(from: Point, to: Point): Promise<void> {
    const start = await this.toPage(from)
    const end = await this.toPage(to)
    await this.page.mouse.move(start.x, start.y)
    await this.page.mouse.down()
    await this.page.mouse.move(end.x, end.y, { steps: 4 })
    await this.page.mouse.up()
  }
}

/** The image's objects as the services hold them. */
async function objects(api: HostApi, imageId: number): Promise<Box[]> {
  return ((await api.api.annotations.get({ imageId })) as ImageAnnotations).boxes
}

/** The only object, once it is a mask satisfying `ready`; its pixels with it. */
async function theMask(api: HostApi, imageId: number, ready: (box: Box, pixels: Uint8Array) => boolean): Promise<{ box: Box; pixels: Uint8Array }> {
  let found: { box: Box; pixels: Uint8Array } | undefined
  await expect
    .poll(async () => {
      const boxes = await objects(api, imageId)
      const box = boxes[0]
      if (boxes.length !== 1 || box?.shape?.kind !== 'mask') return `objects: ${JSON.stringify(boxes.map((b) => b.shape?.kind ?? 'box'))}`
      const pixels = bitmapFromRle(box.shape.rle)
      if (!ready(box, pixels)) return `not yet: ${count(pixels)} pixels, crowd ${box.crowd === true}, label ${box.label}`
      found = { box, pixels }
      return 'ok'
    })
    .toBe('ok')
  return found!
}

const count = (pixels: Uint8Array) => pixels.reduce((sum, value) => sum + value, 0)
const at = (pixels: Uint8Array, x: number, y: number) => pixels[y * WIDTH + x] === 1
/** Pixels of column `x` set between rows `from` and `to`: a band's thickness where it crosses the column. */
const thickness = (pixels: Uint8Array, x: number, from: number, to: number) => {
  let n = 0
  for (let y = from; y < to; y++) if (at(pixels, x, y)) n++
  return n
}
/** Area a round brush of diameter `size` sweeps along a straight path of `length`. */
const swept = (length: number, size: number) => length * size + Math.PI * (size / 2) ** 2

async function openImage(library: LibraryPage): Promise<{ canvas: Canvas; imageId: number }> {
  await library.tile(0).dblclick()
  const canvas = new Canvas(library.page)
  const imageId = Number(await canvas.element.getAttribute('data-image-id'))
  await expect(canvas.element).toHaveAttribute('data-rendered-image-id', String(imageId))
  return { canvas, imageId }
}

async function createLabel(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('label-new-name')
  await input.fill(name)
  await input.press('Enter')
  await expect(page.locator(`[data-testid="label-item"][data-label="${name}"]`)).toBeVisible()
  await input.blur()
}

test('paint a mask with the brush, widen it, add to it, erase, undo, mark it a crowd, label it; it survives a reload and exports as COCO RLE', async ({ library, host }) => {
  test.setTimeout(120_000)
  const page = library.page
  await library.importAndWait(scratch)
  const { canvas, imageId } = await openImage(library)
  await createLabel(page, 'blob')
  await createLabel(page, 'stain')
  const api = await connectApi(host.url)
  try {
    // The eraser has nothing to erase before a mask is selected, and says so.
    await page.keyboard.press('x')
    await expect(canvas.element).toHaveAttribute('data-mode', 'eraser')
    await canvas.stroke({ x: 100, y: 100 }, { x: 200, y: 100 })
    await expect(page.getByText('Select a mask object first to erase from it')).toBeVisible()
    expect(await objects(api, imageId)).toEqual([])

    // B, and one quick stroke: a new mask object of about the swept area, covering the path.
    await page.keyboard.press('b')
    await expect(canvas.element).toHaveAttribute('data-mode', 'brush')
    const sizeControl = page.getByTestId('brush-size')
    const size = Number(await sizeControl.inputValue())
    await canvas.stroke({ x: 200, y: 250 }, { x: 600, y: 250 })
    const first = await theMask(api, imageId, () => true)
    const firstArea = count(first.pixels)
    expect(Math.abs(firstArea - swept(400, size))).toBeLessThan(0.15 * swept(400, size))
    for (let x = 200; x <= 600; x += 10) expect(at(first.pixels, x, 250), `pixel (${x}, 250)`).toBe(true)
    expect(first.box.label).toBe('blob')
    await expect(canvas.element).toHaveAttribute('data-selected-box-id', String(first.box.id))

    // ] makes the brush bigger; the next stroke, with the mask selected, adds a wider band to the same object.
    await page.keyboard.press(']')
    await expect(sizeControl).not.toHaveValue(String(size))
    const bigger = Number(await sizeControl.inputValue())
    expect(bigger).toBeGreaterThan(size)
    await canvas.stroke({ x: 200, y: 400 }, { x: 600, y: 400 })
    const both = await theMask(api, imageId, (_, pixels) => at(pixels, 400, 400))
    expect(both.box.id).toBe(first.box.id)
    expect(Math.abs(count(both.pixels) - firstArea - swept(400, bigger))).toBeLessThan(0.15 * swept(400, bigger))
    expect(thickness(both.pixels, 400, 330, 470)).toBeGreaterThan(thickness(both.pixels, 400, 180, 320))
    await page.screenshot({ path: '/tmp/loupe-mask-painted.png' })

    // X and a stroke across both bands takes pixels away; Ctrl+Z puts them back.
    await page.keyboard.press('x')
    await canvas.stroke({ x: 400, y: 150 }, { x: 400, y: 500 })
    const erased = await theMask(api, imageId, (_, pixels) => !at(pixels, 400, 250))
    expect(at(erased.pixels, 400, 400)).toBe(false)
    expect(at(erased.pixels, 250, 250)).toBe(true)
    expect(count(erased.pixels)).toBeLessThan(count(both.pixels))
    await page.keyboard.press('ControlOrMeta+z')
    const restored = await theMask(api, imageId, (_, pixels) => at(pixels, 400, 250))
    expect(restored.pixels).toEqual(both.pixels)

    // K marks it a crowd region; a hotkey digit labels it.
    await page.keyboard.press('k')
    await theMask(api, imageId, (box) => box.crowd === true)
    await page.keyboard.press('2')
    const labelled = await theMask(api, imageId, (box) => box.label === 'stain')
    expect(labelled.box.crowd).toBe(true)
    expect(labelled.pixels).toEqual(both.pixels)

    // After a reload it is all still there, and selecting the mask draws it without a box to drag.
    await page.reload()
    await library.ready()
    const again = await openImage(library)
    await expect(page.getByTestId('box-item')).toHaveCount(1)
    const reloaded = await theMask(api, again.imageId, () => true)
    expect(reloaded.box).toEqual(labelled.box)
    await expect(again.canvas.element).toHaveAttribute('data-mode', 'select')
    // A drag on a mask selects it and moves nothing: the services move no mask, so nothing is sent to be refused.
    await again.canvas.stroke({ x: 250, y: 250 }, { x: 320, y: 330 })
    await expect(again.canvas.element).toHaveAttribute('data-selected-box-id', String(reloaded.box.id))
    // An edit after it: once its reply is here, a refused move sent before it would have shown its error.
    await page.keyboard.press('k')
    await theMask(api, again.imageId, (box) => box.crowd !== true)
    await page.keyboard.press('k')
    const unmoved = await theMask(api, again.imageId, (box) => box.crowd === true)
    await expect(page.locator('[data-testid="toast"][data-kind="error"]')).toHaveCount(0)
    expect(unmoved.pixels).toEqual(both.pixels)
    await page.screenshot({ path: '/tmp/loupe-mask-selected.png' })

    // COCO keeps it as RLE with iscrowd 1, the same pixels.
    const { id } = await api.api.exports.start({ format: 'coco', out: join(scratch, 'coco') })
    await api.completed(id)
    const coco = JSON.parse(await readFile(join(scratch, 'coco', 'annotations.json'), 'utf8')) as {
      annotations: { iscrowd: number; segmentation: { size: [number, number]; counts: number[] | string } }[]
    }
    expect(coco.annotations).toHaveLength(1)
    const written = coco.annotations[0]!
    expect(written.iscrowd).toBe(1)
    const counts = typeof written.segmentation.counts === 'string' ? decompressCounts(written.segmentation.counts) : written.segmentation.counts
    const rle: Rle = { size: written.segmentation.size, counts: counts! }
    expect(bitmapFromRle(rle)).toEqual(both.pixels)
  } finally {
    api.close()
  }
})

test('with a plain box selected, the brush starts a new mask object and leaves the box as it was', async ({ library, host }) => {
  const page = library.page
  await library.importAndWait(scratch)
  const { canvas, imageId } = await openImage(library)
  await createLabel(page, 'blob')
  const api = await connectApi(host.url)
  try {
    // A box drawn in select mode is selected at once.
    const start = await canvas.toPage({ x: 100, y: 100 })
    const end = await canvas.toPage({ x: 300, y: 200 })
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(end.x, end.y, { steps: 5 })
    await page.mouse.up()
    let box: Box | undefined
    await expect
      .poll(async () => {
        box = (await objects(api, imageId))[0]
        return box ? box.shape?.kind ?? 'box' : 'none'
      })
      .toBe('box')
    await expect(canvas.element).toHaveAttribute('data-selected-box-id', String(box!.id))

    await page.keyboard.press('b')
    await canvas.stroke({ x: 150, y: 150 }, { x: 500, y: 400 })
    await expect.poll(async () => (await objects(api, imageId)).map((object) => object.shape?.kind ?? 'box')).toEqual(['box', 'mask'])
    const [plain, mask] = await objects(api, imageId)
    expect(plain).toEqual(box)
    await expect(canvas.element).toHaveAttribute('data-selected-box-id', String(mask!.id))
  } finally {
    api.close()
  }
})
