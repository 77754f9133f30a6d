import { rm } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { connectApi, type HostApi } from './hostApi'
import { CLASSES, cifarSubset, IMAGE_COUNT, importedAndIndexed, PER_CLASS } from './mapSetup'

/** UMAP over a few dozen images, on a busy machine. */
const LAYOUT_TIMEOUT = 60_000

interface ViewTransform {
  scale: number
  offsetX: number
  offsetY: number
}

/** The map's points on the page: where each is drawn, in page pixels, from map.points and the canvas's transform. */
interface DrawnPoints {
  imageIds: number[]
  names: string[]
  pageX: number[]
  pageY: number[]
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-map-${name}.png` })

/** Where the view draws every point now: the contract's points through the transform the canvas says it uses. */
async function drawnPoints(api: HostApi, canvas: Locator): Promise<DrawnPoints> {
  const view = JSON.parse((await canvas.getAttribute('data-view-transform'))!) as ViewTransform
  const box = (await canvas.boundingBox())!
  const map = await api.api.map.points({ withPaths: true })
  return {
    imageIds: map.imageIds,
    names: map.paths!.map((path) => path.slice(path.lastIndexOf('/') + 1)),
    pageX: map.x.map((x) => box.x + x * view.scale + view.offsetX),
    pageY: map.y.map((y) => box.y + y * view.scale + view.offsetY),
  }
}

/** The test's own even-odd rule, so the view's selection is checked against code that is not its own. */
function inside(x: number, y: number, polygon: ReadonlyArray<readonly [number, number]>): boolean {
  let crossings = 0
  polygon.forEach(([x1, y1], i) => {
    const [x2, y2] = polygon[(i + 1) % polygon.length]!
    if (y1 > y !== y2 > y && x < x1 + ((y - y1) / (y2 - y1)) * (x2 - x1)) crossings++
  })
  return crossings % 2 === 1
}

async function drag(page: Page, path: ReadonlyArray<readonly [number, number]>): Promise<void> {
  await page.mouse.move(path[0]![0], path[0]![1])
  await page.mouse.down()
  for (const [x, y] of path.slice(1)) await page.mouse.move(x, y)
  await page.mouse.up()
}

const selectionCount = (page: Page) => page.getByTestId('map-view').getByTestId('selection-count')

test('the embedding map: lay out, colour by class, hover, lasso and box selection, show in library', async ({ library, host }) => {
  const page = library.page
  const api = await connectApi(host.url)
  const folder = await cifarSubset()
  try {
    await importedAndIndexed(api, folder)
    await library.expectImageCount(IMAGE_COUNT)

    await page.getByTestId('map-button').click()
    const view = page.getByTestId('map-view')
    await expect(view).toBeVisible()
    await expect(view.getByTestId('map-no-layout')).toContainText('mobilenet-v2-0.35-224')
    await shot(page, 'no-layout')

    await test.step('lay out from the view: a job, and the points appear when it is done', async () => {
      await view.getByTestId('map-lay-out').click()
      await expect(view.getByTestId('map-canvas')).toHaveAttribute('data-points', String(IMAGE_COUNT), { timeout: LAYOUT_TIMEOUT })
      await expect(view.getByTestId('map-status')).toHaveAttribute('data-laid-out', 'true')
    })

    const canvas = view.getByTestId('map-canvas')
    await test.step('coloured by class, the legend lists every class with its count', async () => {
      const entries = view.getByTestId('map-legend-entry')
      await expect(entries).toHaveCount(CLASSES.length)
      for (const label of CLASSES) await expect(view.locator(`[data-testid="map-legend-entry"][data-name="${label}"]`)).toHaveAttribute('data-count', String(PER_CLASS))
      await expect(canvas).toHaveAttribute('data-view-transform', /scale/)
      await shot(page, 'by-class')
    })

    const points = await drawnPoints(api, canvas)
    // The point nearest the cursor is the one hovered, double-clicked.
    const [x, y] = [Math.round(points.pageX[0]!), Math.round(points.pageY[0]!)]
    const nearest = points.imageIds
      .map((_, i) => i)
      .sort((a, b) => Math.hypot(points.pageX[a]! - x, points.pageY[a]! - y) - Math.hypot(points.pageX[b]! - x, points.pageY[b]! - y))[0]!

    await test.step('hovering a point shows its thumbnail and file name', async () => {
      await page.mouse.move(x, y)
      await expect(view.getByTestId('map-tooltip-name')).toHaveText(points.names[nearest]!)
      await expect(view.getByTestId('map-tooltip').locator('img')).toBeVisible()
      await shot(page, 'hover')
    })

    await test.step('double-clicking a point opens it in the annotation workspace; closing that comes back to the map', async () => {
      await page.mouse.dblclick(x, y)
      await expect(page.getByTestId('viewer-title')).toHaveText(points.names[nearest]!)
      await page.getByTestId('viewer-close').click()
      await expect(view).toBeVisible()
    })

    await test.step('coloured by review status, confidence, and back by class', async () => {
      const colourBy = view.getByTestId('map-colour-by')
      await colourBy.selectOption('status')
      await expect(view.getByTestId('map-legend')).toHaveAttribute('data-by', 'status')
      const counts = await view.getByTestId('map-legend-entry').evaluateAll((entries) => entries.map((entry) => Number(entry.getAttribute('data-count'))))
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(IMAGE_COUNT)
      // No classifier yet: the view says what would give the points a colour.
      await colourBy.selectOption('confidence')
      await expect(view.getByTestId('map-legend')).toHaveAttribute('data-by', 'confidence')
      await expect(view.getByTestId('map-colour-source')).toContainText('No classifier is active')
      await expect(view.getByTestId('map-legend-missing')).toHaveAttribute('data-count', String(IMAGE_COUNT))
      await colourBy.selectOption('class')
      await expect(view.getByTestId('map-legend-entry')).toHaveCount(CLASSES.length)
    })

    const box = (await canvas.boundingBox())!
    const [centreX, centreY] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]

    await test.step('Shift-drag selects exactly the points inside the box; Esc clears the selection', async () => {
      const [from, to] = [
        [centreX - 200, centreY - 150],
        [centreX + 40, centreY + 120],
      ] as const
      const expected = points.imageIds.filter(
        (_, i) => points.pageX[i]! >= from[0] && points.pageX[i]! <= to[0] && points.pageY[i]! >= from[1] && points.pageY[i]! <= to[1],
      )
      await page.keyboard.down('Shift')
      await drag(page, [from, to])
      await page.keyboard.up('Shift')
      if (expected.length === 0) await expect(selectionCount(page)).toBeHidden()
      else await expect(selectionCount(page)).toHaveAttribute('data-count', String(expected.length))
      await page.keyboard.press('Escape')
      await expect(selectionCount(page)).toBeHidden()
      await expect(view).toBeVisible()
    })

    // A star around the middle of the map: concave, so the even-odd rule is put to work.
    const star = Array.from({ length: 10 }, (_, k) => {
      const radius = (k % 2 === 0 ? 0.4 : 0.18) * Math.min(box.width, box.height)
      const angle = (k / 10) * 2 * Math.PI
      return [Math.round(centreX + radius * Math.cos(angle)), Math.round(centreY + radius * Math.sin(angle))] as const
    })
    const lassoed = points.imageIds.filter((_, i) => inside(points.pageX[i]!, points.pageY[i]!, star)).sort((a, b) => a - b)

    await test.step('a lasso selects exactly the points inside it', async () => {
      expect(lassoed.length).toBeGreaterThan(0)
      await view.getByTestId('map-tool-lasso').click()
      await drag(page, star)
      await expect(selectionCount(page)).toHaveAttribute('data-count', String(lassoed.length))
      await shot(page, 'lasso')
    })

    await test.step('"Show in library" shows exactly those images there, selected', async () => {
      await view.getByTestId('map-show-in-library').click()
      await expect(view).toBeHidden()
      await expect(page.getByTestId('shown-images-banner')).toHaveAttribute('data-count', String(lassoed.length))
      await library.expectGridCount(lassoed.length)
      await expect(library.selectionCount).toHaveAttribute('data-count', String(lassoed.length))
      const shown = await library.tiles.evaluateAll((tiles) => tiles.map((tile) => Number(tile.getAttribute('data-image-id'))))
      // Tiles are drawn as they scroll into view: every one drawn is one of them.
      for (const id of shown) expect(lassoed).toContain(id)
    })
  } finally {
    api.close()
    await rm(folder, { recursive: true, force: true })
  }
})
