import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { newestJobId, newJobRow } from './jobTray'
import { neuSubset } from './neuSubset'
import { INDEX_TIMEOUT, resultsIn } from './searchView'

const CLASSES = ['crazing', 'inclusion', 'scratches']
const PER_CLASS = 10
const IMAGE_COUNT = CLASSES.length * PER_CLASS
const SLOW = 120_000

let scratch = ''
test.beforeAll(async () => {
  scratch = await neuSubset(CLASSES, PER_CLASS)
  await mkdir(join(scratch, 'out'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Issue #13's walk, as a steel-plant inspector takes it: one path from a VOC import to a split export, no dead end. */
test('NEU: import VOC, train from box classes without tagging, search, act on hits, export a split', async ({ library }) => {
  test.setTimeout(300_000)
  const page = library.page

  await test.step('import the images with their VOC boxes; they are indexed with nobody asking', async () => {
    await library.importAndWait(join(scratch, 'images'), { vocAnnotations: join(scratch, 'annotations') })
    await library.expectImageCount(IMAGE_COUNT)
    const header = page.getByTestId('top-bar').getByTestId('index-status')
    await expect(header).toHaveAttribute('data-indexed', String(IMAGE_COUNT), { timeout: INDEX_TIMEOUT })
  })

  await test.step('train from the classes of the boxes, no image tagged', async () => {
    await page.getByTestId('train-button').click()
    const view = page.getByTestId('training-view')
    await expect(view.getByTestId('train-labels-tags-then-boxes')).toBeChecked()
    await expect(view.getByTestId('training-status')).toHaveAttribute('data-ready', 'true')
    await expect(view.getByTestId('train-class')).toHaveCount(CLASSES.length)
    await view.getByTestId('train-maxEpochs').fill('30')
    await view.getByTestId('train-start').click()
    await expect(view.getByTestId('training-run')).toHaveAttribute('data-state', 'completed', { timeout: SLOW })
    await view.getByTestId('training-close').click()
    await expect(view).toBeHidden()
  })

  const view = page.getByTestId('search-view')
  const selectionCount = view.getByTestId('selection-count')
  let chosen: number[] = []
  await test.step('search for images like one crazing plate, and mark the closest hits reviewed', async () => {
    await page.getByTestId('name-search').fill('crazing_2')
    await library.expectGridCount(1)
    await library.tile(0).click()
    await page.getByTestId('selection-more-like-this').click()
    await resultsIn(view)
    await expect(view.getByTestId('search-scope')).toHaveAttribute('data-scope', 'all')
    await expect(view.getByTestId('search-hit')).not.toHaveCount(1)
    // Every hit scoring at least the fifth's, as the person would pick them by eye.
    const fifth = Number(await view.locator('[data-testid="search-hit"][data-rank="4"] [data-testid="hit-score"]').textContent())
    await view.getByTestId('hit-threshold').fill(fifth.toFixed(2))
    await view.getByTestId('hit-threshold-select').click()
    const count = Number(await view.getByTestId('hit-threshold-select').getAttribute('data-count'))
    expect(count).toBeGreaterThanOrEqual(5)
    await expect(selectionCount).toHaveText(`${count} selected`)
    chosen = await view
      .locator('[data-testid="search-hit"][data-selected="true"]')
      .evaluateAll((hits) => hits.map((hit) => Number(hit.getAttribute('data-image-id'))))
    await view.getByTestId('selection-status').click()
    await page.locator('[data-testid="status-option"][data-status="reviewed"]').click()
    await expect(library.sidebarStatus('reviewed').getByTestId('sidebar-count')).toHaveText(String(count))
  })

  await test.step('show those hits in the library, selected, then go back to every image', async () => {
    await view.getByTestId('hits-show-in-library').click()
    await expect(view).toBeHidden()
    await library.expectGridCount(chosen.length)
    await expect(library.selectionCount).toHaveText(`${chosen.length} selected`)
    const shown = await library.tiles.evaluateAll((tiles) => tiles.map((tile) => Number(tile.getAttribute('data-image-id'))))
    expect(shown.sort()).toEqual([...chosen].sort())
    await page.getByTestId('shown-images-clear').click()
    await library.expectGridCount(IMAGE_COUNT)
  })

  await test.step('export everything as Pascal VOC, split 70/20/10 by class', async () => {
    await page.getByTestId('export-button').click()
    const dialog = page.getByTestId('export-dialog')
    await dialog.getByTestId('export-format-voc').check()
    // The field shows the folder the picker opens on once it is listed; wait for it, so the path typed replaces it.
    await expect(dialog.getByTestId('export-location')).not.toHaveValue('')
    await dialog.getByTestId('export-location').fill(join(scratch, 'out'))
    await dialog.getByTestId('export-folder-name').fill('neu-voc')
    await dialog.getByTestId('export-scope-all').check()
    await dialog.getByTestId('export-split').check()
    const before = await newestJobId(page)
    await dialog.getByTestId('export-submit').click()
    await expect(dialog).toBeHidden()
    const row = await newJobRow(page, before)
    await expect(row).toHaveAttribute('data-job-state', 'completed', { timeout: SLOW })

    const sets = join(scratch, 'out', 'neu-voc', 'ImageSets', 'Main')
    const part = async (name: string) => (await readFile(join(sets, `${name}.txt`), 'utf8')).split('\n').filter(Boolean)
    const [train, val, test_] = [await part('train'), await part('val'), await part('test')]
    expect([train.length, val.length, test_.length]).toEqual([21, 6, 3])
    expect(new Set([...train, ...val, ...test_]).size).toBe(IMAGE_COUNT)
    // Stratified: each class in every part.
    for (const names of [train, val, test_]) expect(new Set(names.map((name) => name.replace(/_\d+$/, ''))).size).toBe(CLASSES.length)
  })
})
