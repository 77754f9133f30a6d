import { join } from 'node:path'
import type { Box } from '../../src/shared/api/schemas'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'

const COCO128 = join(SHARED_DATA, 'coco128')
/** A street scene with people and cars as polygons and a crowd of people as a mask, its objects small and apart. */
const IMAGE_FILE = '000000000357.jpg'
/** Screen pixels kept clear of outlines, other objects and name tabs around a probed point. */
const CLEAR_PX = 4
const TAB_PX = 18

interface View {
  scale: number
  x: number
  y: number
}

type Polygons = Extract<NonNullable<Box['shape']>, { kind: 'polygons' }>

function insidePolygons(shape: Polygons, x: number, y: number): boolean {
  let inside = false
  for (const ring of shape.polygons) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const [xi, yi, xj, yj] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

function distanceToOutline(shape: Polygons, x: number, y: number): number {
  let nearest = Infinity
  for (const ring of shape.polygons) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const [ax, ay, bx, by] = [ring[j]!, ring[j + 1]!, ring[i]!, ring[i + 1]!]
      const length = (bx - ax) ** 2 + (by - ay) ** 2
      const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length))
      nearest = Math.min(nearest, Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))))
    }
  }
  return nearest
}

/**
 * An image point of `box` that is inside its polygons (or outside them, within its box), clear of its outline, of
 * every other object's box and of every name tab by a few screen pixels, so its canvas pixel shows this object's fill
 * or nothing at all.
 */
function probe(box: Box & { shape: Polygons }, boxes: readonly Box[], view: View, inside: boolean): { x: number; y: number } | undefined {
  const clear = CLEAR_PX / view.scale
  const tab = TAB_PX / view.scale
  const others = boxes.filter((other) => other.id !== box.id)
  const near = (other: Box, x: number, y: number) =>
    x > other.x - clear && x < other.x + other.width + clear && y > other.y - clear && y < other.y + other.height + clear
  const underTab = (other: Box, x: number, y: number) => x > other.x - clear && x < other.x + other.width + clear && y > other.y - tab && y < other.y + tab
  for (let y = box.y + clear; y < box.y + box.height - clear; y += 1 / view.scale) {
    for (let x = box.x + clear; x < box.x + box.width - clear; x += 1 / view.scale) {
      if (insidePolygons(box.shape, x, y) !== inside || distanceToOutline(box.shape, x, y) < clear) continue
      if (underTab(box, x, y) || others.some((other) => near(other, x, y) || underTab(other, x, y))) continue
      return { x, y }
    }
  }
  return undefined
}

test('polygons and a crowd region from coco128 show as their shapes on the canvas and in the list, and crowd toggles from the row and with K', async ({
  library,
  host,
}) => {
  test.setTimeout(180_000)
  const page = library.page
  const api = await connectApi(host.url)
  try {
    const { id } = await api.api.imports.start({
      paths: [join(COCO128, 'images')],
      annotations: { format: 'coco', path: join(COCO128, 'annotations', 'instances_train2017.json') },
    })
    await api.completed(id)
    await library.expectImageCount(128)
    const image = (await api.api.catalog.listImages({ limit: 200 })).items.find((item) => item.fileName === IMAGE_FILE)
    if (!image) throw new Error(`${IMAGE_FILE} was not imported`)
    const saved = async () => (await api.api.annotations.get({ imageId: image.id })).boxes
    const boxes = await saved()
    const polygons = boxes.filter((box): box is Box & { shape: Polygons } => box.shape?.kind === 'polygons' && !box.crowd)
    const crowd = boxes.filter((box) => box.crowd)
    expect(crowd).toHaveLength(1)
    expect(crowd[0]!.shape?.kind).toBe('mask')

    // The grid draws only the tiles near the view: show the four images with a baseball glove, this one among them.
    await library.sidebarLabel('baseball glove').click()
    await library.expectGridCount(4)
    await page.locator(`[data-testid="tile"][data-image-id="${image.id}"]`).dblclick()
    const canvas = page.getByTestId('annotate-canvas')
    await expect(canvas).toHaveAttribute('data-rendered-image-id', String(image.id))
    await expect(canvas).toHaveAttribute('data-box-count', String(boxes.length))

    // The list says what each object is.
    const rows = page.getByTestId('box-item')
    await expect(rows).toHaveCount(boxes.length)
    await expect(page.locator('[data-testid="box-item"][data-kind="polygons"]')).toHaveCount(boxes.filter((box) => box.shape?.kind === 'polygons').length)
    const first = polygons[0]!
    const firstRow = page.locator(`[data-testid="box-item"][data-box-id="${first.id}"]`)
    const points = first.shape.polygons.reduce((sum, ring) => sum + ring.length / 2, 0)
    await expect(firstRow.getByTestId('box-kind')).toHaveText(`polygon, ${points} points`)
    const crowdRow = page.locator(`[data-testid="box-item"][data-box-id="${crowd[0]!.id}"]`)
    await expect(crowdRow).toHaveAttribute('data-crowd', 'true')
    await expect(crowdRow.getByTestId('box-kind')).toContainText('mask')
    await expect(crowdRow.getByTestId('box-crowd-badge')).toHaveText('crowd')
    await expect(crowdRow.getByTestId('box-crowd')).toHaveAttribute('aria-pressed', 'true')

    // A pixel inside a polygon is tinted with its label's colour; one outside it but inside its box is left clear.
    const view: View = {
      scale: Number(await canvas.getAttribute('data-scale')),
      x: Number(await canvas.getAttribute('data-offset-x')),
      y: Number(await canvas.getAttribute('data-offset-y')),
    }
    const probed = polygons
      .map((box) => ({ box, inside: probe(box, boxes, view, true), outside: probe(box, boxes, view, false) }))
      .find((candidate) => candidate.inside && candidate.outside)
    if (!probed) throw new Error('no polygon of the image has a clear point inside and outside it')
    const color = (await api.api.catalog.listLabels({})).find((label) => label.name === probed.box.label)!.color
    const rgb = [1, 3, 5].map((at) => Number.parseInt(color.slice(at, at + 2), 16))
    const pixelAt = (point: { x: number; y: number }) =>
      page.evaluate(
        ({ x, y }) => {
          interface Layer {
            getCanvas(): { getPixelRatio(): number }
            getContext(): { getImageData(x: number, y: number, w: number, h: number): ImageData }
          }
          const konva = (window as unknown as { Konva: { stages: { findOne(selector: string): Layer | undefined }[] } }).Konva
          const layer = konva.stages[0]?.findOne('.objects')
          if (!layer) throw new Error('the canvas has no objects layer')
          const ratio = layer.getCanvas().getPixelRatio()
          return Array.from(layer.getContext().getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data)
        },
        { x: point.x * view.scale + view.x, y: point.y * view.scale + view.y },
      )
    await expect
      .poll(async () => {
        const [r, g, b, a] = await pixelAt(probed.inside!)
        return a! > 0 && Math.max(Math.abs(r! - rgb[0]!), Math.abs(g! - rgb[1]!), Math.abs(b! - rgb[2]!)) <= 24
      })
      .toBe(true)
    expect((await pixelAt(probed.outside!))[3]).toBe(0)

    // Crowd from the row's toggle, without selecting the object…
    const crowdOf = async (boxId: number) => (await saved()).find((box) => box.id === boxId)?.crowd ?? false
    // The toggle shows on a row under the pointer (or a crowd region's row), as the delete button does.
    await firstRow.hover()
    await firstRow.getByTestId('box-crowd').click()
    await expect.poll(() => crowdOf(first.id)).toBe(true)
    await expect(firstRow).toHaveAttribute('data-crowd', 'true')
    await expect(firstRow.getByTestId('box-crowd')).toHaveAttribute('aria-pressed', 'true')
    await expect(firstRow.getByTestId('box-crowd-badge')).toHaveText('crowd')
    await expect(canvas).toHaveAttribute('data-selected-box-id', '')

    // …and back with K on the selected object.
    await firstRow.getByTestId('box-kind').click()
    await expect(canvas).toHaveAttribute('data-selected-box-id', String(first.id))
    await page.keyboard.press('k')
    await expect.poll(() => crowdOf(first.id)).toBe(false)
    await expect(firstRow).toHaveAttribute('data-crowd', 'false')
    await expect(firstRow.getByTestId('box-crowd-badge')).toHaveCount(0)
    await page.screenshot({ path: '/tmp/loupe-shape-display.png' })
  } finally {
    api.close()
  }
})
