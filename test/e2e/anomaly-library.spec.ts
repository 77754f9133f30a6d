import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { defectTiles, goodTiles } from '../main/engines/anomaly/support'
import { copyInto, importAndLearnGood } from './anomalyTiles'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'

let scratch = ''
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-anomaly-'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Image ids of the tiles in grid order. */
function tileIds(tiles: Locator): Promise<string[]> {
  return tiles.evaluateAll((elements) =>
    (elements as HTMLElement[]).sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((element) => element.dataset.imageId ?? ''),
  )
}

test('the library by anomaly score: sorted defects first, the Anomalous entry, badges on anomalous tiles', async ({ library, host }) => {
  const page = library.page
  const api = await connectApi(host.url)
  try {
    // Ten good magnetic tiles (labelled "good" by their folder) and three defects, fitted through the API.
    await copyInto(join(scratch, 'good'), (await goodTiles()).filter((_, index) => index % 20 === 0).slice(0, 10))
    await copyInto(join(scratch, 'defect'), (await defectTiles()).filter((_, index) => index % 9 === 0).slice(0, 3).map((defect) => defect.path))
    await importAndLearnGood(api, scratch)
    const images = (await api.api.catalog.listImages({ limit: 100 })).items
    const defectIds = new Set(images.filter((image) => image.labels.includes('defect')).map((image) => String(image.id)))
    const anomalous = images.filter((image) => image.anomaly?.anomalous).length
    expect(anomalous).toBeGreaterThan(0)
    await library.expectImageCount(13)

    await test.step('sorting by anomaly score, highest first, puts the defects first', async () => {
      await page.getByTestId('sort-field').selectOption('anomaly')
      await page.getByTestId('sort-direction').click()
      await expect(page.getByTestId('sort-direction')).toHaveAttribute('data-descending', 'true')
      // The defects were imported first (their folder sorts first), so only the whole order shows the sort took.
      const byScore = (await api.api.catalog.listImages({ sort: 'anomaly', descending: true, limit: 100 })).items.map((image) => String(image.id))
      expect(byScore.slice(0, 3).filter((id) => defectIds.has(id)).length).toBeGreaterThanOrEqual(2)
      await expect.poll(() => tileIds(library.tiles)).toEqual(byScore)
    })

    await test.step('"Anomalous" lists the anomalous images, each with a badge giving its score', async () => {
      const entry = page.getByTestId('sidebar-anomalous')
      await expect(entry.getByTestId('sidebar-count')).toHaveText(String(anomalous))
      await entry.click()
      await expect(library.gridCount).toHaveAttribute('data-count', String(anomalous))
      await expect(library.tiles).toHaveCount(anomalous)
      await expect(page.getByTestId('tile-anomaly')).toHaveCount(anomalous)
      await expect(page.getByTestId('tile-anomaly').first()).toHaveAttribute('title', /^Anomalous: score \d+\.\d\d$/)
      await page.screenshot({ path: '/tmp/loupe-anomaly-library.png' })
    })

    await test.step('each one opens for a closer look', async () => {
      await library.tile(0).dblclick()
      await expect(library.viewer).toBeVisible()
    })
  } finally {
    api.close()
  }
})
