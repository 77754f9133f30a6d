import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Locator } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
/** A giraffe (its COCO box) cut from one photo and pasted at a known place into another, which is in the catalogue. */
const SOURCE = '000000000136.jpg'
const SOURCE_SIZE = { width: 500, height: 374 }
const GIRAFFE = { x: 82, y: 116, width: 186, height: 253 }
const TARGET = '000000000009.jpg'
const PASTED = { x: 400, y: 150, width: GIRAFFE.width, height: GIRAFFE.height }
const OTHERS = 7

test('region search by a typed path and a dropped file: preview, region, and each hit shows where the region is', async ({ library, host }) => {
  test.setTimeout(180_000)
  const page = library.page
  const scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-match-'))
  const api = await connectApi(host.url)
  try {
    const catalogue = join(scratch, 'catalogue')
    await mkdir(catalogue)
    const giraffe = await sharp(join(COCO_IMAGES, SOURCE))
      .extract({ left: GIRAFFE.x, top: GIRAFFE.y, width: GIRAFFE.width, height: GIRAFFE.height })
      .toBuffer()
    await sharp(join(COCO_IMAGES, TARGET))
      .composite([{ input: giraffe, left: PASTED.x, top: PASTED.y }])
      .jpeg({ quality: 90 })
      .toFile(join(catalogue, 'pasted.jpg'))
    const others = (await readdir(COCO_IMAGES)).filter((name) => name !== SOURCE && name !== TARGET).sort().slice(0, OTHERS)
    for (const name of others) await copyFile(join(COCO_IMAGES, name), join(catalogue, name))
    const start = await api.api.imports.start({ paths: [catalogue] })
    await api.completed(start.id)
    await api.completed((await api.api.search.index({})).id)
    await library.expectImageCount(OTHERS + 1)
    const images = await api.api.catalog.listImages({ limit: 100 })
    const pastedId = images.items.find((image) => image.fileName === 'pasted.jpg')!.id

    await page.getByTestId('search-button').click()
    const view = page.getByTestId('search-view')
    await expect(view).toBeVisible()
    const pathInput = view.getByTestId('search-path-input')

    // A path that is not a readable image is refused with why, and nothing is searched.
    await pathInput.fill(join(scratch, 'no-such-photo.jpg'))
    await view.getByTestId('search-path-submit').click()
    await expect(view.getByTestId('search-path-error')).toContainText(`Cannot show ${join(scratch, 'no-such-photo.jpg')}: cannot read file: file not found.`)
    await expect(view.getByTestId('search-query')).toHaveAttribute('data-kind', 'none')

    // The typed path of a photo from outside is shown first, then searched by.
    const sourcePath = join(COCO_IMAGES, SOURCE)
    await pathInput.fill(sourcePath)
    await expect(view.getByTestId('search-path-error')).toBeHidden()
    await view.getByTestId('search-path-submit').click()
    const query = view.getByTestId('search-query')
    await expect(query).toHaveAttribute('data-kind', 'path')
    await expect(query).toContainText(sourcePath)
    const preview = query.getByTestId('query-picture')
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(SOURCE_SIZE.width)
    await resultsIn(view)
    // A whole-image search has no match boxes.
    await expect(view.getByTestId('match-box')).toHaveCount(0)

    // A region drawn on the typed path's picture: around the giraffe.
    await query.getByTestId('query-region').click()
    const picker = page.getByTestId('region-picker')
    await expect(picker).toBeVisible()
    await expect(picker.getByTestId('region-known')).toHaveCount(0)
    const image = picker.getByTestId('region-image')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
    const shown = (await image.boundingBox())!
    const at = (x: number, y: number) => ({ x: shown.x + (x / SOURCE_SIZE.width) * shown.width, y: shown.y + (y / SOURCE_SIZE.height) * shown.height })
    const from = at(GIRAFFE.x, GIRAFFE.y)
    const to = at(GIRAFFE.x + GIRAFFE.width, GIRAFFE.y + GIRAFFE.height)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 })
    await page.mouse.move(to.x, to.y, { steps: 4 })
    await page.mouse.up()
    await picker.getByTestId('region-search').click()
    await expect(picker).toBeHidden()
    await expect(query).toHaveAttribute('data-kind', 'region')
    await expect(query).toContainText(sourcePath)
    await resultsIn(view)

    // Every hit shows where the giraffe is most alike; in the photo it was pasted into, that is where it was pasted.
    const hits = view.getByTestId('search-hit')
    await expect(view.getByTestId('match-box')).toHaveCount(await hits.count())
    const hit = view.locator(`[data-testid="search-hit"][data-image-id="${pastedId}"]`)
    const match = hit.getByTestId('match-box')
    await expect(match).toBeVisible()
    const [x, y, width, height] = (await match.getAttribute('data-region'))!.split(',').map(Number) as [number, number, number, number]
    expect(iou({ x, y, width, height }, PASTED)).toBeGreaterThanOrEqual(0.5)
    // Drawn over that part of the thumbnail: 640 × 480 fitted in a square tile, below a letterbox of 12.5%.
    const frame = (await hit.locator('.hit-thumb').boundingBox())!
    const drawn = (await match.boundingBox())!
    const centre = { x: (drawn.x + drawn.width / 2 - frame.x) / frame.width, y: (drawn.y + drawn.height / 2 - frame.y) / frame.height }
    expect(centre.x * 640).toBeGreaterThan(PASTED.x)
    expect(centre.x * 640).toBeLessThan(PASTED.x + PASTED.width)
    expect(((centre.y - 0.125) / 0.75) * 480).toBeGreaterThan(PASTED.y)
    expect(((centre.y - 0.125) / 0.75) * 480).toBeLessThan(PASTED.y + PASTED.height)
    await page.screenshot({ path: '/tmp/loupe-region-match-hits.png' })

    // Opened large (the region picker on the hit), the hit shows the match too; a region of it can be searched next.
    await hit.getByTestId('hit-region').click()
    await expect(picker).toBeVisible()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640)
    const enlarged = picker.getByTestId('match-box')
    await expect(enlarged).toHaveAttribute('data-region', `${x},${y},${width},${height}`)
    // Over the same part of the picture as on the tile, now at the picker's size.
    await expect.poll(async () => (await enlarged.boundingBox())!.width / (await image.boundingBox())!.width).toBeCloseTo(width / 640, 2)
    await page.screenshot({ path: '/tmp/loupe-region-match-enlarged.png' })
    await page.keyboard.press('Escape')
    await expect(picker).toBeHidden()

    // Back to the whole picture of the typed path.
    await query.getByTestId('query-whole').click()
    await expect(query).toHaveAttribute('data-kind', 'path')
    await resultsIn(view)
    await expect(view.getByTestId('match-box')).toHaveCount(0)

    // A dropped file takes a region the same way.
    const zone = view.getByTestId('search-drop-zone')
    const dataTransfer = await page.evaluateHandle((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes], 'giraffes.jpg', { type: 'image/jpeg' }))
      return transfer
    }, (await readFile(sourcePath)).toString('base64'))
    await zone.dispatchEvent('dragenter', { dataTransfer })
    await zone.dispatchEvent('dragover', { dataTransfer })
    await zone.dispatchEvent('drop', { dataTransfer })
    await expect(query).toHaveAttribute('data-kind', 'file')
    await resultsIn(view)
    await query.getByTestId('query-region').click()
    await expect(picker).toBeVisible()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(SOURCE_SIZE.width)
    const dropped = (await image.boundingBox())!
    const onDropped = (x: number, y: number) => ({ x: dropped.x + (x / SOURCE_SIZE.width) * dropped.width, y: dropped.y + (y / SOURCE_SIZE.height) * dropped.height })
    const corner = onDropped(GIRAFFE.x, GIRAFFE.y)
    const opposite = onDropped(GIRAFFE.x + GIRAFFE.width, GIRAFFE.y + GIRAFFE.height)
    await page.mouse.move(corner.x, corner.y)
    await page.mouse.down()
    await page.mouse.move(opposite.x, opposite.y, { steps: 6 })
    await page.mouse.up()
    await picker.getByTestId('region-search').click()
    await expect(query).toHaveAttribute('data-kind', 'region')
    await expect(query).toContainText('giraffes.jpg')
    await resultsIn(view)
    const droppedMatch = hit.getByTestId('match-box')
    await expect(droppedMatch).toBeVisible()
    const [dx, dy, dw, dh] = (await droppedMatch.getAttribute('data-region'))!.split(',').map(Number) as [number, number, number, number]
    expect(iou({ x: dx, y: dy, width: dw, height: dh }, PASTED)).toBeGreaterThanOrEqual(0.5)
    await page.screenshot({ path: '/tmp/loupe-region-match-dropped.png' })
  } finally {
    api.close()
    await rm(scratch, { recursive: true, force: true })
  }
})

async function resultsIn(view: Locator): Promise<void> {
  await expect(view.getByTestId('search-results')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
  await expect(view.getByTestId('search-hit').first()).toBeVisible()
}

function iou(a: { x: number; y: number; width: number; height: number }, b: typeof PASTED): number {
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  return (width * height) / (a.width * a.height + b.width * b.height - width * height)
}
