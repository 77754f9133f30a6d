import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'
import { importTileSubset } from './magneticTiles'

let scratch = ''
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-heatmap-'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/**
 * Pixels of the heat map's layer (the stage's second canvas, over the image's) drawn in its warm colours: red high,
 * blue low, opaque enough to be seen.
 */
function warmPixels(page: Page): Promise<number> {
  return page.getByTestId('annotate-canvas').evaluate((element) => {
    const layer = element.querySelectorAll('canvas')[1]
    const context = layer?.getContext('2d')
    if (!layer || !context) return 0
    const { data } = context.getImageData(0, 0, layer.width, layer.height)
    let warm = 0
    for (let i = 0; i < data.length; i += 4) if (data[i]! > 200 && data[i + 2]! < 80 && data[i + 3]! > 60) warm++
    return warm
  })
}

test('the heat map in the annotation view: toggled by key and button, its opacity, a hot region accepted as a defect box and undone', async ({
  library,
  host,
}) => {
  const page = library.page
  const api = await connectApi(host.url)
  try {
    // Ten good magnetic tiles (labelled "good" by their folder) and three defects ("defect"), learnt through the API.
    await importTileSubset(api, scratch)
    await library.expectImageCount(13)
    const toggle = page.getByTestId('heatmap-toggle')

    await test.step('without an anomaly model there is no heat map to show; once one is learnt, there is', async () => {
      await library.tile(0).dblclick()
      await expect(page.getByTestId('annotate-canvas')).toHaveAttribute('data-rendered-image-id', /\d+/)
      await expect(toggle).toBeHidden()
      await page.keyboard.press('m')
      await expect(page.getByText('There is no anomaly model yet')).toBeVisible()
      await api.completed((await api.api.anomaly.fit({ label: 'good' })).id)
      await expect(toggle).toBeVisible()
      await page.keyboard.press('Escape')
      await expect(library.viewer).toBeHidden()
    })

    // The most anomalous image first: it is at or above the threshold, so it has hot regions.
    await page.getByTestId('sort-field').selectOption('anomaly')
    await page.getByTestId('sort-direction').click()
    await expect(page.getByTestId('sort-direction')).toHaveAttribute('data-descending', 'true')
    const [top, second] = (await api.api.catalog.listImages({ sort: 'anomaly', descending: true, limit: 2 })).items
    await expect(library.tile(0)).toHaveAttribute('data-image-id', String(top!.id))
    await library.tile(0).dblclick()
    const canvas = page.getByTestId('annotate-canvas')
    await expect(canvas).toHaveAttribute('data-rendered-image-id', String(top!.id))
    const panel = page.getByTestId('anomaly-panel')

    await test.step('M shows the heat map over the image, with the score against the threshold', async () => {
      await expect(toggle).toHaveAttribute('aria-pressed', 'false')
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', '')
      await page.keyboard.press('m')
      await expect(toggle).toHaveAttribute('aria-pressed', 'true')
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', String(top!.id))
      await expect(panel.getByTestId('anomaly-verdict')).toContainText(/× the threshold .*: anomalous/)
      await expect.poll(() => warmPixels(page)).toBeGreaterThan(100)
      await page.screenshot({ path: '/tmp/loupe-anomaly-heatmap.png' })
    })

    await test.step('the opacity slider sets how strongly it is drawn', async () => {
      await panel.getByTestId('heatmap-opacity').fill('0.3')
      await expect(canvas).toHaveAttribute('data-heatmap-opacity', '0.3')
    })

    await test.step('the toolbar button hides and shows it again', async () => {
      await toggle.click()
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', '')
      await expect(panel).toBeHidden()
      await expect.poll(() => warmPixels(page)).toBe(0)
      await toggle.click()
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', String(top!.id))
      await expect(canvas).toHaveAttribute('data-heatmap-opacity', '0.3')
    })

    await test.step('a hot region, accepted, is a "defect" box in the box list; undo takes it away', async () => {
      const regions = page.getByTestId('defect-suggestions').getByTestId('suggestion-item')
      const count = await regions.count()
      expect(count).toBeGreaterThan(0)
      await expect(canvas).toHaveAttribute('data-suggestion-count', String(count))
      await expect(panel.getByTestId('anomaly-class')).toHaveValue('defect')
      await expect(regions.first()).toHaveAttribute('data-label', 'defect')
      await expect(page.getByTestId('box-item')).toHaveCount(0)
      await regions.first().getByTestId('suggestion-accept').click()
      await expect(page.getByTestId('box-item')).toHaveCount(1)
      await expect(page.getByTestId('box-item').first()).toHaveAttribute('data-label', 'defect')
      await expect(canvas).toHaveAttribute('data-suggestion-count', String(count - 1))
      const saved = (await api.api.annotations.get({ imageId: top!.id })).boxes
      expect(saved).toHaveLength(1)
      expect(saved[0]!.label).toBe('defect')
      await page.keyboard.press('Control+z')
      await expect(page.getByTestId('box-item')).toHaveCount(0)
      await expect.poll(async () => (await api.api.annotations.get({ imageId: top!.id })).boxes.length).toBe(0)
    })

    await test.step('the next image gets its own map', async () => {
      await page.keyboard.press('d')
      await expect(canvas).toHaveAttribute('data-rendered-image-id', String(second!.id))
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', String(second!.id))
    })
  } finally {
    api.close()
  }
})
