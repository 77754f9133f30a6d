import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import type { Box } from '../../src/shared/api/schemas'
import { expect, test } from './fixtures'
import { connectApi, type HostApi } from './hostApi'
import { newestJobId, newJobRow } from './jobTray'
import type { LibraryPage } from './libraryPage'

const WIDTH = 1600
const HEIGHT = 1200

interface Point {
  x: number
  y: number
}

let scratch = ''
test.beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-polygon-'))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="100%" height="100%" fill="#3a5a7a"/><circle cx="420" cy="400" r="220" fill="#c08040"/>
    <rect x="900" y="250" width="380" height="300" fill="#50a070"/></svg>`
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(join(scratch, 'shapes.jpg'))
})
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** The canvas, driven with the real mouse at page positions worked out through the view transform it publishes. */
class PolygonCanvas {
  readonly canvas: Locator

  constructor(
    readonly page: Page,
    private readonly host: HostApi,
  ) {
    this.canvas = page.getByTestId('annotate-canvas')
  }

  async imageId(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-image-id'))
  }

  private async transform(): Promise<Transform> {
    const bounds = await this.canvas.boundingBox()
    if (!bounds) throw new Error('the canvas is not on screen')
    const [scale, x, y] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await this.canvas.getAttribute(name))))
    return { left: bounds.x, top: bounds.y, scale: scale!, x: x!, y: y! }
  }

  /** The whole page pixel nearest an image position: where a hand on the mouse would be. */
  async toPage(point: Point): Promise<Point> {
    return pageAt(await this.transform(), point)
  }

  /**
   * Clicks each image position, waiting for the polygon tool to count the point; returns the points as the app stores
   * them (to a hundredth of an image pixel).
   */
  async place(points: readonly Point[]): Promise<number[]> {
    const stored: number[] = []
    for (const point of points) {
      const view = await this.transform()
      const at = pageAt(view, point)
      const before = await this.pointsPlaced()
      await this.page.mouse.click(at.x, at.y)
      await expect(this.stage).toHaveAttribute('data-polygon-points', String(before + 1))
      const image = imageAt(view, at)
      stored.push(image.x, image.y)
    }
    return stored
  }

  async scale(): Promise<number> {
    return (await this.transform()).scale
  }

  /** A press somewhere, as the image position the app stores for it. */
  async clickAt(point: Point, click: (at: Point) => Promise<void>): Promise<Point> {
    const view = await this.transform()
    const at = pageAt(view, point)
    await click(at)
    return imageAt(view, at)
  }

  get stage(): Locator {
    return this.page.locator('.annotate-stage')
  }

  async pointsPlaced(): Promise<number> {
    return Number(await this.stage.getAttribute('data-polygon-points'))
  }

  async drag(from: Point, to: Point): Promise<Point> {
    const view = await this.transform()
    const start = pageAt(view, from)
    const end = pageAt(view, to)
    await this.page.mouse.move(start.x, start.y)
    await this.page.mouse.down()
    await this.page.mouse.move(end.x, end.y, { steps: 8 })
    await this.page.mouse.up()
    return imageAt(view, end)
  }

  async objects(): Promise<Box[]> {
    return (await this.host.api.annotations.get({ imageId: await this.imageId() })).boxes
  }

  /** Waits until the services hold `count` objects and the list shows them all saved, and returns them. */
  async expectObjects(count: number): Promise<Box[]> {
    await expect.poll(async () => (await this.objects()).length).toBe(count)
    await expect(this.page.locator('[data-testid="box-item"][data-saved="true"]')).toHaveCount(count)
    return this.objects()
  }

  /** Waits until the object's parts (as the services hold them) pass `check`, and returns them. */
  async expectPolygons(id: number, check: (polygons: number[][]) => boolean): Promise<number[][]> {
    let polygons: number[][] = []
    await expect
      .poll(async () => {
        const object = (await this.objects()).find((candidate) => candidate.id === id)
        polygons = object ? partsOf(object) : []
        return check(polygons) ? 'as expected' : JSON.stringify(polygons)
      })
      .toBe('as expected')
    return polygons
  }

  async selectedId(): Promise<number> {
    await expect(this.canvas).toHaveAttribute('data-selected-box-id', /^\d+$/)
    return Number(await this.canvas.getAttribute('data-selected-box-id'))
  }
}

interface Transform {
  left: number
  top: number
  scale: number
  x: number
  y: number
}

function pageAt(view: Transform, point: Point): Point {
  return { x: Math.round(view.left + view.x + point.x * view.scale), y: Math.round(view.top + view.y + point.y * view.scale) }
}

function imageAt(view: Transform, page: Point): Point {
  const round = (value: number) => Math.round(value * 100) / 100
  return { x: round((page.x - view.left - view.x) / view.scale), y: round((page.y - view.top - view.y) / view.scale) }
}

/** Equal to within the hundredth of a pixel points are stored to (the page's and the test's rounding may differ there). */
function samePoints(actual: readonly number[], expected: readonly number[]): boolean {
  return actual.length === expected.length && actual.every((value, i) => Math.abs(value - expected[i]!) <= 0.0100001)
}

function partsOf(object: Box): number[][] {
  return object.shape?.kind === 'polygons' ? object.shape.polygons : []
}

function vertexOf(polygon: readonly number[], index: number): Point {
  return { x: polygon[2 * index]!, y: polygon[2 * index + 1]! }
}

async function openImage(library: LibraryPage): Promise<void> {
  await library.tile(0).dblclick()
  const canvas = library.page.getByTestId('annotate-canvas')
  await expect(library.page.getByTestId('viewer-position')).toHaveText('1 of 1')
  await expect(canvas).toHaveAttribute('data-rendered-image-id', (await canvas.getAttribute('data-image-id')) ?? '')
}

test('polygons drawn and edited with mouse and keys are saved, undone, kept over a reload and exported to COCO as drawn', async ({ library, host }) => {
  test.setTimeout(240_000)
  const page = library.page
  await library.importAndWait(scratch)
  await openImage(library)
  const api = await connectApi(host.url)
  try {
    const canvas = new PolygonCanvas(page, api)
    for (const name of ['car', 'person']) {
      const input = page.getByTestId('label-new-name')
      await input.fill(name)
      await input.press('Enter')
      await expect(page.locator(`[data-testid="label-item"][data-label="${name}"]`)).toBeVisible()
      await input.blur()
    }

    // Q, five points, a click on the first closes: one object with exactly those points, selected.
    await page.keyboard.press('q')
    await expect(canvas.canvas).toHaveAttribute('data-mode', 'polygon')
    const pentagon = await canvas.place([
      { x: 200, y: 200 },
      { x: 500, y: 180 },
      { x: 620, y: 420 },
      { x: 400, y: 600 },
      { x: 180, y: 450 },
    ])
    const first = await canvas.toPage({ x: 200, y: 200 })
    await page.mouse.click(first.x + 2, first.y - 1)
    await expect(canvas.stage).toHaveAttribute('data-polygon-points', '0')
    const [drawn] = await canvas.expectObjects(1)
    expect(drawn!.shape?.kind === 'polygons' && drawn!.shape.polygons.length === 1 && samePoints(drawn!.shape.polygons[0]!, pentagon)).toBe(true)
    expect(drawn!.label).toBe('car')
    expect(await canvas.selectedId()).toBe(drawn!.id)

    // A digit labels the object just drawn.
    await page.keyboard.press('2')
    await expect.poll(async () => (await canvas.objects())[0]?.label).toBe('person')
    await expect(page.locator('[data-testid="box-item"][data-label="person"]')).toHaveCount(1)

    // Enter closes the second, a double-click the third (its first click placing the last point).
    const triangle = await canvas.place([
      { x: 900, y: 200 },
      { x: 1200, y: 200 },
      { x: 1050, y: 450 },
    ])
    await page.keyboard.press('Enter')
    await canvas.expectObjects(2)
    const quad = await canvas.place([
      { x: 900, y: 700 },
      { x: 1200, y: 700 },
      { x: 1250, y: 950 },
    ])
    const last = await canvas.clickAt({ x: 1000, y: 980 }, (at) => page.mouse.dblclick(at.x, at.y))
    quad.push(last.x, last.y)
    const three = await canvas.expectObjects(3)
    const expected = [pentagon, triangle, quad]
    expect(
      three.every((object, i) => partsOf(object).length === 1 && samePoints(partsOf(object)[0]!, expected[i]!)),
      JSON.stringify({ saved: three.map(partsOf), drawn: expected }),
    ).toBe(true)

    // Backspace takes the last point back (and deletes nothing); Esc drops a polygon half drawn.
    const backspaced = await canvas.place([
      { x: 1300, y: 100 },
      { x: 1500, y: 100 },
      { x: 1500, y: 300 },
      { x: 1400, y: 330 },
    ])
    await page.keyboard.press('Backspace')
    await expect(canvas.stage).toHaveAttribute('data-polygon-points', '3')
    await page.keyboard.press('Enter')
    const four = await canvas.expectObjects(4)
    expect(partsOf(four[3]!)).toHaveLength(1)
    expect(samePoints(partsOf(four[3]!)[0]!, backspaced.slice(0, 6))).toBe(true)
    await canvas.place([
      { x: 100, y: 900 },
      { x: 300, y: 900 },
    ])
    await page.keyboard.press('Escape')
    await expect(canvas.stage).toHaveAttribute('data-polygon-points', '0')
    await expect(canvas.canvas).toHaveAttribute('data-mode', 'polygon')

    // Shift+close on the first point adds the polygon as another part of the selected object: a hole in it.
    await page.locator(`[data-testid="box-item"][data-box-id="${drawn!.id}"]`).click()
    expect(await canvas.selectedId()).toBe(drawn!.id)
    const hole = await canvas.place([
      { x: 300, y: 300 },
      { x: 450, y: 300 },
      { x: 400, y: 450 },
    ])
    const holeStart = await canvas.toPage({ x: 300, y: 300 })
    await page.keyboard.down('Shift')
    await page.mouse.click(holeStart.x, holeStart.y)
    await page.keyboard.up('Shift')
    await canvas.expectPolygons(drawn!.id, (polygons) => polygons.length === 2)
    expect(await canvas.expectObjects(4)).toHaveLength(4)
    await canvas.expectPolygons(drawn!.id, (polygons) => samePoints(polygons[0]!, pentagon) && samePoints(polygons[1]!, hole))

    // Back to select mode: drag a vertex of the selected polygon.
    await page.keyboard.press('q')
    await expect(canvas.canvas).toHaveAttribute('data-mode', 'select')
    const dropped = await canvas.drag(vertexOf(pentagon, 2), { x: 660, y: 440 })
    const afterVertex = [...pentagon]
    afterVertex.splice(4, 2, dropped.x, dropped.y)
    await canvas.expectPolygons(drawn!.id, (polygons) => samePoints(polygons[0]!, afterVertex) && samePoints(polygons[1]!, hole))

    // Drag an edge's midpoint out: a new vertex there.
    const inserted = await canvas.drag({ x: (afterVertex[0]! + afterVertex[2]!) / 2, y: (afterVertex[1]! + afterVertex[3]!) / 2 }, { x: 350, y: 110 })
    const afterInsert = [...afterVertex]
    afterInsert.splice(2, 0, inserted.x, inserted.y)
    await canvas.expectPolygons(drawn!.id, (polygons) => samePoints(polygons[0]!, afterInsert))

    // Alt+click removes it again.
    const insertedAt = await canvas.toPage(inserted)
    await page.keyboard.down('Alt')
    await page.mouse.click(insertedAt.x, insertedAt.y)
    await page.keyboard.up('Alt')
    const beforeMove = await canvas.expectPolygons(drawn!.id, (polygons) => samePoints(polygons[0]!, afterVertex))
    await page.screenshot({ path: '/tmp/loupe-polygon-edit.png' })

    // A drag inside the shape (not in its hole) moves the whole object, every part by the same whole pixels.
    await canvas.drag({ x: 250, y: 400 }, { x: 350, y: 450 })
    const tolerance = 1 / (await canvas.scale()) + 1
    const moved = await canvas.expectPolygons(drawn!.id, (polygons) => polygons[0]![0] !== beforeMove[0]![0])
    const dx = moved[0]![0]! - beforeMove[0]![0]!
    const dy = moved[0]![1]! - beforeMove[0]![1]!
    expect(Math.abs(dx - 100)).toBeLessThanOrEqual(tolerance)
    expect(Math.abs(dy - 50)).toBeLessThanOrEqual(tolerance)
    const shifted = beforeMove.map((polygon) => polygon.map((value, i) => value + (i % 2 === 0 ? dx : dy)))
    expect(moved.every((polygon, part) => polygon.every((value, i) => Math.abs(value - shifted[part]![i]!) < 1e-6))).toBe(true)

    // Undo takes the move back; redo makes it again.
    await page.keyboard.press('ControlOrMeta+z')
    await canvas.expectPolygons(drawn!.id, (polygons) => JSON.stringify(polygons) === JSON.stringify(beforeMove))
    await page.keyboard.press('ControlOrMeta+Shift+z')
    await canvas.expectPolygons(drawn!.id, (polygons) => JSON.stringify(polygons) === JSON.stringify(moved))
    const saved = await canvas.objects()

    // Every edit was saved as it was made: a reload shows the same objects.
    await page.reload()
    await library.ready()
    await openImage(library)
    await expect(page.getByTestId('box-item')).toHaveCount(4)
    expect(await canvas.objects()).toEqual(saved)

    // COCO, through the export dialog: each object's segmentation is its parts as drawn.
    await page.getByTestId('viewer-close').click()
    await page.getByTestId('export-button').click()
    const dialog = page.getByTestId('export-dialog')
    await expect(dialog.getByTestId('export-format-coco')).toBeChecked()
    await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
    await dialog.getByTestId('export-location').fill(scratch)
    await dialog.getByTestId('export-folder-name').fill('coco')
    const before = await newestJobId(page)
    await dialog.getByTestId('export-submit').click()
    await expect(dialog).toBeHidden()
    const row = await newJobRow(page, before)
    await expect(row).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 })
    const files = (await readdir(join(scratch, 'coco'), { recursive: true })).filter((file) => file.endsWith('.json'))
    expect(files).toHaveLength(1)
    const coco = JSON.parse(await readFile(join(scratch, 'coco', files[0]!), 'utf8')) as { annotations: { segmentation: number[][]; iscrowd: number }[] }
    expect(coco.annotations.map((annotation) => annotation.segmentation)).toEqual(saved.map(partsOf))
    expect(coco.annotations.every((annotation) => annotation.iscrowd === 0)).toBe(true)
  } finally {
    api.close()
  }
})
