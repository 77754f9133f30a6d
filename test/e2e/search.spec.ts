import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from '@playwright/test'
import { DEFAULT_MODEL_MANIFEST } from '../../src/main/engines/ml/manifest'
import { expect, MODEL_DIR, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'
import { INDEX_TIMEOUT, indexedByItself, resultsIn } from './searchView'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
const IMAGE_COUNT = 20

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-search-${name}.png` })

async function firstHit(view: Locator): Promise<{ id: number; score: number }> {
  const hit = view.getByTestId('search-hit').first()
  return { id: Number(await hit.getAttribute('data-image-id')), score: Number(await hit.getAttribute('data-score')) }
}



test.describe('on a machine without a model', () => {
  test.use({ installedModels: 'none' })

  test('visual search: add a model, index, search by image, dropped file and region; clear out a near-duplicate', async ({ library }) => {
    const page = library.page
    // The first-run step offers known models; this test adds one from a folder in the search view instead.
    await page.getByTestId('first-run-model-later').click()
    const source = await mkdtemp(join(tmpdir(), 'loupe-search-src-'))
    const extras = await mkdtemp(join(tmpdir(), 'loupe-search-extra-'))
    try {
      const names = (await readdir(COCO_IMAGES)).sort().slice(0, IMAGE_COUNT)
      await Promise.all(names.map((name) => copyFile(join(COCO_IMAGES, name), join(source, name))))
      await library.importAndWait(source)
      await library.expectImageCount(IMAGE_COUNT)

      // No model yet: the view says so and takes a model folder.
      await page.getByTestId('search-button').click()
      const view = page.getByTestId('search-view')
      await expect(view).toBeVisible()
      const status = view.getByTestId('search-status')
      await expect(status).toHaveAttribute('data-model-problem', 'true')
      await expect(view.getByTestId('model-problem')).not.toBeEmpty()
      await shot(page, 'no-model')
      await view.getByTestId('add-model-open').click()
      await view.getByTestId('model-path-input').fill(MODEL_DIR)
      await view.getByTestId('model-add').click()
      await expect(status).toHaveAttribute('data-model-problem', 'false', { timeout: 30_000 })
      await indexedByItself(view, IMAGE_COUNT)
      await view.getByTestId('search-close').click()
      await expect(view).toBeHidden()

      await test.step('search by an image: "More like this" finds the image itself first', async () => {
        const tile = library.tile(2)
        const id = Number(await tile.getAttribute('data-image-id'))
        await tile.click()
        await shot(page, 'selection-bar')
        await page.getByTestId('selection-more-like-this').click()
        await expect(view).toBeVisible()
        await resultsIn(view)
        const first = await firstHit(view)
        expect(first.id).toBe(id)
        expect(first.score).toBeGreaterThan(0.99)
        await expect(view.getByTestId('search-hit').first().getByTestId('hit-score')).toHaveText('1.00')
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-image-id', String(id))
        await shot(page, 'similar')

        // "More like this" on a result asks again about that one.
        const second = view.getByTestId('search-hit').nth(1)
        const secondId = await second.getAttribute('data-image-id')
        await second.getByTestId('hit-more-like-this').click()
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-image-id', secondId!)
        await resultsIn(view)
        expect((await firstHit(view)).id).toBe(Number(secondId))
        // The k control limits how many come back.
        await view.getByTestId('search-k').selectOption('12')
        await expect(view.getByTestId('search-hit')).toHaveCount(12)
        await view.getByTestId('search-close').click()
      })

      await test.step('search by dropping a file: a flipped copy finds its original first', async () => {
        const tile = library.tile(5)
        const id = Number(await tile.getAttribute('data-image-id'))
        const name = (await tile.getAttribute('title'))!
        const flipped = await sharp(await readFile(join(source, name))).flop().jpeg().toBuffer()
        // M on a selected image opens the search on it.
        await tile.click()
        await page.keyboard.press('m')
        await expect(view).toBeVisible()
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-image-id', String(id))
        await resultsIn(view)
        const zone = view.getByTestId('search-drop-zone')
        const dataTransfer = await page.evaluateHandle((base64) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
          const transfer = new DataTransfer()
          transfer.items.add(new File([bytes], 'flipped.jpg', { type: 'image/jpeg' }))
          return transfer
        }, flipped.toString('base64'))
        await zone.dispatchEvent('dragenter', { dataTransfer })
        await zone.dispatchEvent('dragover', { dataTransfer })
        await zone.dispatchEvent('drop', { dataTransfer })
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-kind', 'file')
        await resultsIn(view)
        expect((await firstHit(view)).id).toBe(id)
        await shot(page, 'dropped')
        // The drop was a question, not an import.
        await library.expectImageCount(IMAGE_COUNT)

        // A path typed in asks about that file on disk.
        await view.getByTestId('search-path-input').fill(join(source, name))
        await view.getByTestId('search-path-submit').click()
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-kind', 'path')
        await resultsIn(view)
        expect(await firstHit(view)).toEqual({ id, score: expect.any(Number) })
        expect((await firstHit(view)).score).toBeGreaterThan(0.99)
      })

      await test.step('search by a region drawn on an image: its source image comes first', async () => {
        const hit = view.getByTestId('search-hit').nth(2)
        const id = Number(await hit.getAttribute('data-image-id'))
        await hit.getByTestId('hit-region').click()
        const picker = page.getByTestId('region-picker')
        await expect(picker).toBeVisible()
        const image = picker.getByTestId('region-image')
        await expect(image).toHaveJSProperty('complete', true)
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
        const box = (await image.boundingBox())!
        await page.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.15)
        await page.mouse.down()
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 })
        await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.85, { steps: 5 })
        await page.mouse.up()
        await expect(picker.getByTestId('region-box')).toBeVisible()
        await shot(page, 'region-picker')
        await picker.getByTestId('region-search').click()
        await expect(picker).toBeHidden()
        await expect(view.getByTestId('search-query')).toHaveAttribute('data-kind', 'region')
        await resultsIn(view)
        expect((await firstHit(view)).id).toBe(id)
        await shot(page, 'region')
        await view.getByTestId('search-close').click()
      })

      await test.step("searches can be kept within the library's filter", async () => {
        await library.tile(0).click()
        await library.tile(3).click({ modifiers: ['Shift'] })
        await page.getByTestId('selection-status').click()
        await page.locator('[data-testid="status-option"][data-status="reviewed"]').click()
        await library.sidebarStatus('reviewed').click()
        await library.expectGridCount(4)
        await expect(library.tiles).toHaveCount(4)
        await expect(library.selectionCount).toHaveText('4 selected')
        const ids = await library.tiles.evaluateAll((tiles) => tiles.map((tile) => Number(tile.getAttribute('data-image-id'))))
        await library.tile(1).click()
        await expect(library.selectionCount).toHaveText('1 selected')
        await page.keyboard.press('m')
        // All images unless the person chooses the library's filter, which the choice names.
        const scope = view.getByTestId('search-scope')
        await expect(scope).toHaveAttribute('data-scope', 'all')
        await expect(scope).toContainText('Reviewed')
        await view.getByTestId('search-scope-library').check()
        await expect(view.getByTestId('search-hit')).toHaveCount(4)
        const hits = await view.getByTestId('search-hit').evaluateAll((hits) => hits.map((hit) => Number(hit.getAttribute('data-image-id'))))
        expect(hits.sort()).toEqual(ids.sort())
        await view.getByTestId('search-close').click()
        await page.getByTestId('sidebar-all').click()
        await library.expectGridCount(IMAGE_COUNT)
      })

      await test.step('near-duplicates: a resized copy groups with its original, and removing it drops the count by one', async () => {
        // A known photo rather than the nth tile: the grid's order within one import varies from run to run.
        const name = '000000000086.jpg'
        const tile = page.locator(`[data-testid="tile"][title="${name}"]`)
        const id = Number(await tile.getAttribute('data-image-id'))
        const original = sharp(await readFile(join(source, name)))
        const { width } = await original.metadata()
        await original.resize({ width: Math.round(width / 2) }).jpeg({ quality: 90 }).toFile(join(extras, `small-${name}`))
        await library.importAndWait(extras)
        await library.expectImageCount(IMAGE_COUNT + 1)

        await page.getByTestId('search-button').click()
        await indexedByItself(view, IMAGE_COUNT + 1)
        await view.getByTestId('search-tab-duplicates').click()
        const group = view.locator('[data-testid="dup-group"]').filter({ has: page.locator(`[data-testid="dup-member"][data-image-id="${id}"]`) })
        await expect(group).toBeVisible({ timeout: 30_000 })
        await expect(group.getByTestId('dup-member')).toHaveCount(2)
        // The larger one, the original, is kept by default.
        await expect(group.locator(`[data-testid="dup-member"][data-image-id="${id}"]`)).toHaveAttribute('data-kept', 'true')
        await expect(view.getByTestId('dup-summary')).toHaveAttribute('data-extras', '1')
        await shot(page, 'duplicates')

        await view.getByTestId('dup-remove').click()
        const confirm = view.getByTestId('dup-confirm')
        await expect(confirm).toContainText('not touched')
        await shot(page, 'duplicates-confirm')
        await confirm.getByTestId('dup-confirm-remove').click()
        await library.expectImageCount(IMAGE_COUNT)
        await expect(group).toBeHidden()
        await expect(view.getByTestId('dup-summary')).toHaveAttribute('data-groups', '0')
      })
    } finally {
      await rm(source, { recursive: true, force: true })
      await rm(extras, { recursive: true, force: true })
    }
  })
})

test('visual search: choosing another model indexes with it, and switching back needs no re-indexing', async ({ library, host }) => {
  const page = library.page
  const source = await mkdtemp(join(tmpdir(), 'loupe-search-models-'))
  const api = await connectApi(host.url)
  try {
    const names = (await readdir(COCO_IMAGES)).sort().slice(0, 8)
    await mkdir(join(source, 'images'))
    await Promise.all(names.map((name) => copyFile(join(COCO_IMAGES, name), join(source, 'images', name))))
    // A second backbone: the default model's files under another id and name.
    const copy = join(source, 'copy')
    await cp(MODEL_DIR, copy, { recursive: true })
    await writeFile(join(copy, 'manifest.json'), JSON.stringify({ ...DEFAULT_MODEL_MANIFEST, id: 'mobilenet-copy', name: 'MobileNet copy' }))
    await api.completed((await api.api.imports.start({ paths: [join(source, 'images')] })).id)
    await api.api.models.add({ path: MODEL_DIR })
    await api.completed((await api.api.search.index({})).id)
    await api.api.models.add({ path: copy })

    await page.getByTestId('search-button').click()
    const view = page.getByTestId('search-view')
    const status = view.getByTestId('search-status')
    const select = view.getByTestId('search-model-select')
    await expect(select).toHaveValue(DEFAULT_MODEL_MANIFEST.id)
    await expect(status).toHaveAttribute('data-indexed', '8')
    await select.focus()
    await select.selectOption('mobilenet-copy')
    await expect(status).toHaveAttribute('data-model', 'mobilenet-copy')
    // Indexing with the new model starts by itself.
    const job = page.getByTestId('job-row').first()
    await expect(job).toHaveAttribute('data-job-kind', 'index')
    await expect(job).toHaveAttribute('data-job-state', 'completed', { timeout: INDEX_TIMEOUT })
    await expect(status).toHaveAttribute('data-pending', '0')
    await expect(status).toHaveAttribute('data-indexed', '8')
    await expect(select).toHaveValue('mobilenet-copy')
    await shot(page, 'model-chosen')
    expect((await api.api.models.list({})).find((model) => model.active)?.id).toBe('mobilenet-copy')

    const jobs = await page.getByTestId('job-row').count()
    await select.selectOption(DEFAULT_MODEL_MANIFEST.id)
    await expect(status).toHaveAttribute('data-model', DEFAULT_MODEL_MANIFEST.id)
    await expect(status).toHaveAttribute('data-indexed', '8')
    await expect(status).toHaveAttribute('data-pending', '0')
    await expect(select).toBeEnabled()
    await expect(page.getByTestId('job-row')).toHaveCount(jobs)
  } finally {
    api.close()
    await rm(source, { recursive: true, force: true })
  }
})
