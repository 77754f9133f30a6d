import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defectTiles, goodTiles } from '../main/engines/anomaly/support'
import { copyInto, importAndLearnGood } from './magneticTiles'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'

let scratch = ''
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-anomaly-eval-'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

test('evaluating an anomaly model: AUROC and the ROC curve, a threshold moving its point, a worst miss opened and shown in the library', async ({
  library,
  host,
}) => {
  const page = library.page
  const api = await connectApi(host.url)
  try {
    // Fifteen good magnetic tiles labelled "good" and two tiles each of three defect kinds labelled by kind (folders).
    await copyInto(join(scratch, 'good'), (await goodTiles()).filter((_, index) => index % 15 === 0).slice(0, 15))
    const defects = await defectTiles()
    for (const kind of ['blowhole', 'break', 'crack']) {
      await copyInto(join(scratch, kind), defects.filter((defect) => defect.kind === kind).slice(0, 2).map((defect) => defect.path))
    }
    await importAndLearnGood(api, scratch)
    const expected = await api.api.anomaly.evaluate({})
    await library.expectImageCount(21)

    await test.step('the Anomaly section opens the evaluation: what was compared, AUROC and the curve', async () => {
      await page.getByTestId('sidebar-anomaly-evaluate').click()
      await expect(page.getByTestId('anomaly-view')).toBeVisible()
      // Twelve tiles went into the memory bank and are left out; the three held out count as good.
      const counts = page.getByTestId('eval-counts')
      await expect(counts).toHaveAttribute('data-bank', '12')
      await expect(counts).toHaveAttribute('data-good', '3')
      await expect(counts).toHaveAttribute('data-defective', '6')
      await expect(counts).toContainText('at least one box whatever the image\'s review status')
      await expect(page.getByTestId('eval-auroc')).toHaveAttribute('data-value', String(expected.auroc))
      await expect(page.getByTestId('eval-auroc')).toContainText(expected.auroc!.toFixed(3))
      await expect(page.getByTestId('roc-curve')).toHaveAttribute('data-points', String(expected.roc.length))
      await expect(page.getByTestId('roc-line')).toBeVisible()
      await expect(page.getByTestId('confusion-true-positive')).toHaveText(String(expected.confusion.truePositive))
      await expect(page.getByTestId('confusion-false-positive')).toHaveText(String(expected.confusion.falsePositive))
    })

    await test.step('the threshold moves the point on the curve and the confusion with it', async () => {
      // Home takes the slider to its lowest threshold, 0, as a person's keyboard would.
      await page.getByTestId('eval-threshold').focus()
      await page.keyboard.press('Home')
      await expect(page.getByTestId('eval-threshold-value')).toHaveText('0.000')
      await expect(page.getByTestId('roc-point')).toHaveAttribute('data-detection-rate', '1')
      await expect(page.getByTestId('roc-point')).toHaveAttribute('data-false-alarm-rate', '1')
      await expect(page.getByTestId('confusion-true-positive')).toHaveText('6')
      await expect(page.getByTestId('confusion-false-positive')).toHaveText('3')
      await page.getByTestId('eval-threshold-reset').click()
      await expect(page.getByTestId('eval-threshold-value')).toHaveText(expected.model.threshold.toFixed(3))
      await expect(page.getByTestId('confusion-true-positive')).toHaveText(String(expected.confusion.truePositive))
      await page.screenshot({ path: '/tmp/loupe-anomaly-evaluate.png', fullPage: true })
    })

    await test.step('a worst miss opens in the annotation workspace, on that image', async () => {
      const misses = page.getByTestId('worst-misses')
      await expect(misses.getByTestId('cell-image')).toHaveCount(6)
      const lowest = misses.getByTestId('cell-image').first()
      const imageId = await lowest.getAttribute('data-image-id')
      expect(imageId).toBe(String(expected.worstMisses[0]!.imageId))
      await lowest.click()
      await expect(page.getByTestId('annotate-canvas')).toHaveAttribute('data-image-id', imageId!)
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('anomaly-view')).toBeVisible()
    })

    await test.step('the misses can be shown in the library', async () => {
      await page.getByTestId('worst-misses-show-in-library').click()
      await expect(page.getByTestId('anomaly-view')).toBeHidden()
      await expect(page.getByTestId('shown-images-banner')).toHaveAttribute('data-count', '6')
      await expect(page.getByTestId('shown-images-banner')).toContainText('Showing 6 images from the anomaly evaluation')
      await expect(library.tiles).toHaveCount(6)
    })
  } finally {
    api.close()
  }
})
