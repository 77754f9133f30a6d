import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, SHARED_DATA, test } from './fixtures'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
const INDEX_TIMEOUT = 90_000

/** A new folder holding coco128 photos `from`…`from + count - 1`. */
async function photos(from: number, count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-auto-index-'))
  const names = (await readdir(COCO_IMAGES)).sort().slice(from, from + count)
  await Promise.all(names.map((name) => copyFile(join(COCO_IMAGES, name), join(dir, name))))
  return dir
}

test('imported images are indexed by themselves: the header counts them, search finds them, and a pause holds new ones back', async ({ library }) => {
  const page = library.page
  const first = await photos(0, 12)
  const more = await photos(12, 4)
  try {
    const header = page.getByTestId('top-bar').getByTestId('index-status')
    await library.importAndWait(first)
    await library.expectImageCount(12)
    // Nobody pressed "Index now": the header's counts reach every image as the background job's batches land.
    await expect(header).toHaveAttribute('data-indexed', '12', { timeout: INDEX_TIMEOUT })
    await expect(header).toHaveAttribute('data-pending', '0')
    await expect(header).toHaveAttribute('data-state', 'idle')
    // The import keeps its row (and its result) in the tray; the automatic index folded into the finished line.
    await expect(library.jobRows.first()).toHaveAttribute('data-job-kind', 'import')
    await page.screenshot({ path: '/tmp/loupe-auto-index-header.png' })

    await test.step('search finds the new images, and the search view shows the same counts over the library', async () => {
      const tile = library.tile(3)
      const id = await tile.getAttribute('data-image-id')
      await tile.click()
      await page.getByTestId('selection-more-like-this').click()
      const view = page.getByTestId('search-view')
      await expect(view.getByTestId('search-results')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
      await expect(view.getByTestId('search-hit').first()).toHaveAttribute('data-image-id', id!)
      await expect(view.getByTestId('index-status')).toHaveAttribute('data-indexed', '12')
      await expect(view.getByTestId('search-status')).toHaveAttribute('data-pending', '0')
      await expect(view.getByTestId('search-index-now')).toBeHidden()
      await page.screenshot({ path: '/tmp/loupe-auto-index-search.png' })
    })

    await test.step('paused, new images wait (said in the header, with Resume); resumed, they are indexed', async () => {
      const view = page.getByTestId('search-view')
      const autoIndex = view.getByTestId('search-auto-index')
      await expect(autoIndex).toBeChecked()
      await autoIndex.click()
      await expect(autoIndex).not.toBeChecked()
      await expect(view.getByTestId('index-status')).toHaveAttribute('data-paused', 'true')
      await view.getByTestId('search-close').click()

      await library.importAndWait(more)
      await library.expectImageCount(16)
      await expect(header).toHaveAttribute('data-pending', '4')
      await expect(header).toHaveAttribute('data-state', 'paused')
      await expect(library.jobRows.and(page.locator('[data-job-kind="index"]'))).toHaveCount(0)
      await page.screenshot({ path: '/tmp/loupe-auto-index-paused.png' })

      await header.getByTestId('index-resume').click()
      await expect(header).toHaveAttribute('data-indexed', '16', { timeout: INDEX_TIMEOUT })
      await expect(header).toHaveAttribute('data-pending', '0')
      await expect(header).toHaveAttribute('data-paused', 'false')
    })

    await test.step('the annotation view, which covers the top bar, shows the same counts', async () => {
      await library.tile(0).dblclick()
      await expect(page.getByTestId('viewer-title')).toBeVisible()
      await expect(page.locator('.viewer-header').getByTestId('index-status')).toHaveAttribute('data-indexed', '16')
    })
  } finally {
    await rm(first, { recursive: true, force: true })
    await rm(more, { recursive: true, force: true })
  }
})
