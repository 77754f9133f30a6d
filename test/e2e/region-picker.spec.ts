import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, MODEL_DIR, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'

const NEU = join(SHARED_DATA, 'neu-det')
/** NEU images are 200 × 200; scratches_7 has several boxes, the others give the search something to rank. */
const NAMES = ['scratches_7', 'scratches_1', 'crazing_1', 'patches_1', 'inclusion_1', 'pitted_surface_1']
const SUBJECT = 'scratches_7.jpg'
const NEU_SIZE = 200

test('region picker: a small image is zoomed to fit, and one of its boxes is searched for as the region', async ({ library, host }) => {
  test.setTimeout(120_000)
  const page = library.page
  const scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-region-'))
  const api = await connectApi(host.url)
  try {
    await mkdir(join(scratch, 'images'))
    await mkdir(join(scratch, 'annotations'))
    for (const name of NAMES) {
      await copyFile(join(NEU, 'images', `${name}.jpg`), join(scratch, 'images', `${name}.jpg`))
      await copyFile(join(NEU, 'annotations', `${name}.xml`), join(scratch, 'annotations', `${name}.xml`))
    }
    const start = await api.api.imports.start({ paths: [join(scratch, 'images')], annotations: { format: 'voc', path: join(scratch, 'annotations') } })
    await api.completed(start.id)
    await api.api.models.add({ path: MODEL_DIR })
    await api.completed((await api.api.search.index({})).id)
    await library.expectImageCount(NAMES.length)
    const images = await api.api.catalog.listImages({ limit: 100 })
    const id = images.items.find((image) => image.fileName === SUBJECT)!.id
    const { boxes } = await api.api.annotations.get({ imageId: id })
    expect(boxes.length).toBeGreaterThan(1)

    // M on a selected image opens the search on it; its query card offers the region picker.
    await page.locator(`[data-testid="tile"][data-image-id="${id}"]`).click()
    await page.keyboard.press('m')
    const view = page.getByTestId('search-view')
    await expect(view.getByTestId('search-query')).toHaveAttribute('data-image-id', String(id))
    await view.getByTestId('query-region').click()
    const picker = page.getByTestId('region-picker')
    await expect(picker).toBeVisible()
    const image = picker.getByTestId('region-image')
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(NEU_SIZE)

    // Zoomed to fit: well over 1:1, and still square.
    const shown = (await image.boundingBox())!
    expect(shown.width).toBeGreaterThan(NEU_SIZE * 2)
    expect(Math.abs(shown.width - shown.height)).toBeLessThan(1)

    // The image's boxes are listed and drawn on it.
    const listed = picker.getByTestId('region-known-box')
    await expect(listed).toHaveCount(boxes.length)
    await expect(picker.getByTestId('region-known-outline')).toHaveCount(boxes.length)
    const chosen = boxes[0]!
    const item = picker.locator(`[data-testid="region-known-box"][data-box-id="${chosen.id}"]`)
    const size = `${Math.round(chosen.width)} × ${Math.round(chosen.height)} px`
    await expect(item).toContainText(size)
    await page.screenshot({ path: '/tmp/loupe-region-picker-boxes.png' })

    // Choosing a box searches for it, as a drawn region would.
    await item.click()
    await expect(picker).toBeHidden()
    const query = view.getByTestId('search-query')
    await expect(query).toHaveAttribute('data-kind', 'region')
    await expect(query).toContainText(`region ${Math.round(chosen.width)} × ${Math.round(chosen.height)}`)
    await expect(view.getByTestId('search-results')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
    await expect(view.getByTestId('search-hit').first()).toBeVisible()
    await page.screenshot({ path: '/tmp/loupe-region-picker-searched.png' })
  } finally {
    api.close()
    await rm(scratch, { recursive: true, force: true })
  }
})
