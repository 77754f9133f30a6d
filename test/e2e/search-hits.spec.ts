import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'
import { indexedByItself, resultsIn } from './searchView'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
const IMAGE_COUNT = 16
const TAG = 'lookalike'

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-search-hits-${name}.png` })


/** Each hit's id and the score its tile shows, in rank order. */
const hitsShown = (view: Locator) =>
  view.getByTestId('search-hit').evaluateAll((hits) =>
    hits.map((hit) => ({ id: Number(hit.getAttribute('data-image-id')), shown: Number(hit.querySelector('[data-testid="hit-score"]')!.textContent) })),
  )

const selectedHitIds = (view: Locator) =>
  view.locator('[data-testid="search-hit"][data-selected="true"]').evaluateAll((hits) => hits.map((hit) => Number(hit.getAttribute('data-image-id'))))

const tileIds = (tiles: Locator) => tiles.evaluateAll((tiles) => tiles.map((tile) => Number(tile.getAttribute('data-image-id'))))

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

test('search hits can be selected, tagged, opened and shown in the library, within a scope the person chooses', async ({ library }) => {
  const page = library.page
  const source = await mkdtemp(join(tmpdir(), 'loupe-search-hits-'))
  try {
    const names = (await readdir(COCO_IMAGES)).sort().slice(0, IMAGE_COUNT)
    await Promise.all(names.map((name) => copyFile(join(COCO_IMAGES, name), join(source, name))))
    await library.importAndWait(source)
    await library.expectImageCount(IMAGE_COUNT)

    const view = page.getByTestId('search-view')
    const status = view.getByTestId('search-status')
    await page.getByTestId('search-button').click()
    await expect(status).toHaveAttribute('data-model-problem', 'false', { timeout: 30_000 })
    await indexedByItself(view, IMAGE_COUNT)
    await view.getByTestId('search-close').click()

    const queryId = Number(await library.tile(0).getAttribute('data-image-id'))
    await library.tile(0).click()
    await page.getByTestId('selection-more-like-this').click()
    await resultsIn(view)
    await expect(view.getByTestId('search-hit')).toHaveCount(IMAGE_COUNT)
    const hits = await hitsShown(view)
    expect(hits[0]!.id).toBe(queryId)
    const selectionCount = view.getByTestId('selection-count')

    await test.step('click, Ctrl-click and Shift-click select hits; Esc clears before it closes the view', async () => {
      const hit = (rank: number) => view.locator(`[data-testid="search-hit"][data-rank="${rank}"]`)
      await hit(1).click()
      await expect(selectionCount).toHaveText('1 selected')
      await hit(3).click({ modifiers: ['Control'] })
      expect(sorted(await selectedHitIds(view))).toEqual(sorted([hits[1]!.id, hits[3]!.id]))
      await hit(6).click({ modifiers: ['Shift'] })
      expect(sorted(await selectedHitIds(view))).toEqual(sorted(hits.slice(3, 7).map((h) => h.id)))
      await hit(3).click({ modifiers: ['Control'] })
      await expect(selectionCount).toHaveText('3 selected')
      await shot(page, 'selected')
      await page.keyboard.press('Escape')
      await expect(selectionCount).toBeHidden()
      await expect(view).toBeVisible()
      // From the score field too.
      await hit(2).click()
      await view.getByTestId('hit-threshold').focus()
      await page.keyboard.press('Escape')
      await expect(selectionCount).toBeHidden()
      await expect(view).toBeVisible()
    })

    // The shown score of the fifth hit: at least five hits score that much or more.
    const threshold = hits[4]!.shown
    const above = hits.filter((hit) => hit.shown >= threshold).map((hit) => hit.id)
    expect(above.length).toBeGreaterThanOrEqual(5)
    expect(above.length).toBeLessThan(IMAGE_COUNT)

    await test.step('select every hit above a score, and tag them with the library\'s label picker', async () => {
      // A score no hit reaches selects nothing, and says so.
      await view.getByTestId('hit-threshold').fill('1.5')
      await expect(view.getByTestId('hit-threshold-select')).toBeDisabled()
      await expect(view.getByTestId('hit-threshold-select')).toHaveText('Select 0 hits')
      await view.getByTestId('hit-threshold').fill(threshold.toFixed(2))
      const select = view.getByTestId('hit-threshold-select')
      await expect(select).toHaveAttribute('data-count', String(above.length))
      await select.click()
      await expect(selectionCount).toHaveText(`${above.length} selected`)
      expect(sorted(await selectedHitIds(view))).toEqual(sorted(above))
      // Esc in the label picker closes just the picker: the view and the selection stay.
      await view.getByTestId('selection-label').click()
      await page.keyboard.press('Escape')
      await expect(view.getByTestId('label-picker')).toBeHidden()
      await expect(view).toBeVisible()
      await expect(selectionCount).toHaveText(`${above.length} selected`)
      await view.getByTestId('selection-label').click()
      await view.getByTestId('label-input').fill(TAG)
      await shot(page, 'label-picker')
      await view.getByTestId('label-input').press('Enter')
      await expect(page.getByTestId('toast').filter({ hasText: `Added “${TAG}”` })).toBeVisible()
      // Tagging leaves the selection for the next action.
      await expect(selectionCount).toHaveText(`${above.length} selected`)
    })

    await test.step('a hit opens in the annotation workspace by double-click and by Enter, and closing it returns to the hits', async () => {
      const second = view.locator('[data-testid="search-hit"][data-rank="1"]')
      const secondName = (await second.locator('.hit-name').textContent())!
      await second.dblclick()
      const viewer = page.getByTestId('viewer')
      await expect(viewer).toBeVisible()
      await expect(page.getByTestId('viewer-title')).toHaveText(secondName)
      await expect(page.getByTestId('viewer-position')).toHaveText(`2 of ${IMAGE_COUNT}`)
      await shot(page, 'opened')
      await page.getByTestId('viewer-close').click()
      await expect(viewer).toBeHidden()
      await expect(view).toBeVisible()
      await expect(view.getByTestId('search-hit')).toHaveCount(IMAGE_COUNT)

      const third = view.locator('[data-testid="search-hit"][data-rank="2"]')
      const thirdName = (await third.locator('.hit-name').textContent())!
      await third.click()
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('viewer-title')).toHaveText(thirdName)
      await page.getByTestId('viewer-close').click()
      await expect(view).toBeVisible()
    })

    await test.step('"Show in library" shows exactly the selected hits, selected, carrying their new tag', async () => {
      await view.getByTestId('hit-threshold').fill(threshold.toFixed(2))
      await view.getByTestId('hit-threshold-select').click()
      await expect(selectionCount).toHaveText(`${above.length} selected`)
      await view.getByTestId('hits-show-in-library').click()
      await expect(view).toBeHidden()
      await expect(page.getByTestId('shown-images-banner')).toHaveText(new RegExp(`Showing ${above.length} images from search`))
      await library.expectGridCount(above.length)
      await expect(library.tiles).toHaveCount(above.length)
      expect(sorted(await tileIds(library.tiles))).toEqual(sorted(above))
      await expect(library.selectionCount).toHaveText(`${above.length} selected`)
      await expect(library.tiles.filter({ has: page.locator(`[data-testid="label-chip"][title="${TAG}"]`) })).toHaveCount(above.length)
      await shot(page, 'shown-in-library')
      // Sending the same hits again, with the library already showing them, selects them again.
      await page.keyboard.press('Escape')
      await expect(library.selectionCount).toBeHidden()
      await page.getByTestId('search-button').click()
      await resultsIn(view)
      await view.getByTestId('hit-threshold').fill(threshold.toFixed(2))
      await view.getByTestId('hit-threshold-select').click()
      await view.getByTestId('hits-show-in-library').click()
      await expect(view).toBeHidden()
      await expect(library.selectionCount).toHaveText(`${above.length} selected`)
      await library.expectGridCount(above.length)
      await page.getByTestId('shown-images-clear').click()
      await expect(page.getByTestId('shown-images-banner')).toBeHidden()
      await library.expectGridCount(IMAGE_COUNT)
      // The tag is on those images and no others.
      await library.sidebarLabel(TAG).click()
      await library.expectGridCount(above.length)
      expect(sorted(await tileIds(library.tiles))).toEqual(sorted(above))
    })

    await test.step('the scope control: all images by default, or the library filter it names', async () => {
      // The library shows only the tagged images; the search still looks among all of them until told otherwise.
      await page.getByTestId('search-button').click()
      await resultsIn(view)
      const scope = view.getByTestId('search-scope')
      await expect(scope).toHaveAttribute('data-scope', 'all')
      await expect(scope).toContainText(TAG)
      await expect(view.getByTestId('search-hit')).toHaveCount(IMAGE_COUNT)
      await view.getByTestId('search-scope-library').check()
      await expect(scope).toHaveAttribute('data-scope', 'library')
      await expect(view.getByTestId('search-hit')).toHaveCount(above.length)
      expect(sorted((await hitsShown(view)).map((hit) => hit.id))).toEqual(sorted(above))
      await shot(page, 'scope-library')
      await view.getByTestId('search-scope-all').check()
      await expect(view.getByTestId('search-hit')).toHaveCount(IMAGE_COUNT)
      // Esc with nothing selected closes the view, as before.
      await view.getByTestId('hit-grid').focus()
      await page.keyboard.press('Escape')
      await expect(view).toBeHidden()

      // With no library filter there is nothing to search within: the choice says so and cannot be made.
      await page.getByTestId('sidebar-all').click()
      await page.getByTestId('search-button').click()
      await expect(view.getByTestId('search-scope-library')).toBeDisabled()
      await expect(scope).toHaveAttribute('data-scope', 'all')
    })
  } finally {
    await rm(source, { recursive: true, force: true })
  }
})
