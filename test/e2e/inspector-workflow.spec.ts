import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Locator } from '@playwright/test'
import { defectTiles, goodTiles } from '../main/engines/anomaly/support'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'
import { BACKBONE_DIR, copyInto } from './magneticTiles'

/** Learning 20 tiles and scoring 26 on two busy cores. */
const LEARN_TIMEOUT = 240_000
const GOOD_COUNT = 20
const DEFECT_KINDS = ['blowhole', 'break', 'crack']
const PER_KIND = 2
const DEFECT_COUNT = DEFECT_KINDS.length * PER_KIND
const IMAGE_COUNT = GOOD_COUNT + DEFECT_COUNT

let scratch = ''
let goodNames = new Set<string>()
let defectNames = new Set<string>()
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-inspector-'))
  // Good tiles from across the set (nearby numbers are one physical tile under other lightings), defects of three kinds.
  const good = (await goodTiles()).filter((_, index) => index % 11 === 0).slice(0, GOOD_COUNT)
  await copyInto(join(scratch, 'tiles', 'good'), good)
  const defects = await defectTiles()
  const chosen = DEFECT_KINDS.flatMap((kind) => defects.filter((defect) => defect.kind === kind).slice(0, PER_KIND))
  for (const defect of chosen) await copyInto(join(scratch, 'tiles', defect.kind), [defect.path])
  goodNames = new Set(good.map((path) => basename(path)))
  defectNames = new Set(chosen.map((defect) => basename(defect.path)))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** On a new machine: the backbone the anomaly engine has measured layers for is added where the app first asks for a model. */
test.use({ installedModels: 'none' })

/** File names of the rendered tiles, in grid order. */
function tileNames(tiles: Locator): Promise<string[]> {
  return tiles.evaluateAll((elements) =>
    (elements as HTMLElement[]).sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map((element) => element.title),
  )
}

/**
 * Issue #14's walk, as a quality inspector takes it, every step in the UI: a folder of tiles nobody has labelled, the good
 * ones marked, "good" learnt, the library sorted by anomaly score, the top image's heat map and a hot region kept as a
 * defect box, and the model's AUROC once the defects are labelled. The API only reads what the UI did.
 */
test('magnetic tiles: import unlabelled, mark the good ones, learn, sort by anomaly, accept a heat-map region as a defect box, evaluate', async ({
  library,
  host,
}) => {
  test.setTimeout(LEARN_TIMEOUT + 180_000)
  const page = library.page
  const api = await connectApi(host.url)
  try {
    await test.step('the first-run step takes the backbone from a folder, offline', async () => {
      const dialog = page.getByTestId('first-run-model')
      await expect(dialog).toBeVisible()
      await dialog.getByTestId('add-model-open').click()
      await dialog.getByTestId('model-path-input').fill(BACKBONE_DIR)
      await dialog.getByTestId('model-add').click()
      await expect(dialog).toBeHidden()
      expect((await api.api.models.list({})).find((model) => model.active)?.id).toBe('mobilenet-v1-1.0-224')
    })

    await test.step('import the folder of tiles without labels from its folders', async () => {
      await library.importAndWait(join(scratch, 'tiles'))
      await library.expectImageCount(IMAGE_COUNT)
      await expect(page.locator('[data-testid="sidebar-unlabelled"] [data-testid="sidebar-count"]')).toHaveText(String(IMAGE_COUNT))
    })

    await test.step('mark the good ones: click the first, Shift+End to the last, Ctrl-click off a defect among them', async () => {
      // The good/ folder is imported after the defects' folders, but three files at a time: one may end among them.
      await expect.poll(async () => (await tileNames(library.tiles)).filter((name) => defectNames.has(name)).length).toBe(DEFECT_COUNT)
      const names = await tileNames(library.tiles)
      const first = names.findIndex((name) => goodNames.has(name))
      expect(first).toBeGreaterThanOrEqual(0)
      await library.tile(first).click()
      await page.keyboard.press('Shift+End')
      for (const [index, name] of names.entries()) {
        if (index > first && defectNames.has(name)) await library.tile(index).click({ modifiers: ['ControlOrMeta'] })
      }
      await expect(library.selectionCount).toHaveText(`${GOOD_COUNT} selected`)
      await page.keyboard.press('l')
      const input = page.getByTestId('label-input')
      await input.fill('good')
      await input.press('Enter')
      await expect(library.sidebarLabel('good').getByTestId('sidebar-count')).toHaveText(String(GOOD_COUNT))
      const labelledGood = (await api.api.catalog.listImages({ filter: { label: 'good' }, limit: 100 })).items.map((image) => image.fileName)
      expect(new Set(labelledGood)).toEqual(goodNames)
    })

    await test.step('learn from the selection in the Anomaly view; the run finishes and its version is the one in use', async () => {
      await page.getByTestId('selection-learn-good').click()
      await expect(page.getByTestId('anomaly-view')).toBeVisible()
      await expect(page.getByTestId('learn-source-selection')).toBeChecked()
      await expect(page.getByTestId('learn-selection')).toHaveAttribute('data-count', String(GOOD_COUNT))
      await expect(page.getByTestId('learn-count')).toContainText(`${GOOD_COUNT} good images`)
      await page.getByTestId('learn-start').click()
      const run = page.getByTestId('learn-run')
      // Its progress is shown while it runs (it may wait behind indexing first), then what it made.
      await expect(run).toHaveAttribute('data-state', /queued|running/)
      await expect(run).toHaveAttribute('data-state', 'completed', { timeout: LEARN_TIMEOUT })
      await expect(page.getByTestId('learn-outcome')).toContainText('default v1')
      await expect(page.getByTestId('learn-outcome')).toContainText(`scored ${IMAGE_COUNT} catalogue images`)
      await page.getByTestId('anomaly-tab-models').click()
      await expect(page.locator('[data-testid="anomaly-model-row"][data-version="1"]')).toHaveAttribute('data-active', 'true')
      await page.getByTestId('anomaly-close').click()
      await expect(page.getByTestId('anomaly-view')).toBeHidden()
      await expect(page.getByTestId('sidebar-anomaly')).toHaveAttribute('data-model', 'default v1')
      // The job tray keeps the finished run: the good images learnt, then every catalogue image scored.
      const row = page.locator('[data-testid="job-row"][data-job-kind="anomaly-fit"]')
      await expect(row).toHaveAttribute('data-job-state', 'completed')
      await expect(row.getByTestId('job-counts')).toHaveText(`${GOOD_COUNT + IMAGE_COUNT} / ${GOOD_COUNT + IMAGE_COUNT}`)
    })

    let topName = ''
    await test.step('sorted by anomaly score, highest first, the defects lead; the Anomalous entry lists the flagged ones with badges', async () => {
      await page.getByTestId('selection-clear').click()
      await page.getByTestId('sort-field').selectOption('anomaly')
      await page.getByTestId('sort-direction').click()
      await expect(page.getByTestId('sort-direction')).toHaveAttribute('data-descending', 'true')
      const byScore = (await api.api.catalog.listImages({ sort: 'anomaly', descending: true, limit: 100 })).items.map((image) => image.fileName)
      await expect.poll(async () => (await tileNames(library.tiles)).slice(0, DEFECT_COUNT)).toEqual(byScore.slice(0, DEFECT_COUNT))
      const top = byScore.slice(0, DEFECT_COUNT)
      expect(top.filter((name) => defectNames.has(name)).length).toBeGreaterThanOrEqual(DEFECT_COUNT - 2)
      topName = top[0]!

      const anomalous = (await api.api.catalog.listImages({ filter: { anomalous: true }, limit: 100 })).items.length
      expect(anomalous).toBeGreaterThan(0)
      const entry = page.getByTestId('sidebar-anomalous')
      await expect(entry.getByTestId('sidebar-count')).toHaveText(String(anomalous))
      await entry.click()
      await library.expectGridCount(anomalous)
      await expect(page.getByTestId('tile-anomaly')).toHaveCount(anomalous)
      await expect(library.tile(0)).toHaveAttribute('title', topName)
      await page.screenshot({ path: '/tmp/loupe-inspector-anomalous.png' })
    })

    await test.step('the top image: M shows its heat map, and a hot region is accepted as a "defect" box', async () => {
      await library.tile(0).dblclick()
      const canvas = page.getByTestId('annotate-canvas')
      const imageId = Number(await library.tile(0).getAttribute('data-image-id'))
      await expect(canvas).toHaveAttribute('data-rendered-image-id', String(imageId))
      await page.keyboard.press('m')
      await expect(page.getByTestId('heatmap-toggle')).toHaveAttribute('aria-pressed', 'true')
      await expect(canvas).toHaveAttribute('data-heatmap-image-id', String(imageId))
      await expect(page.getByTestId('anomaly-verdict')).toContainText('anomalous')
      const regions = page.getByTestId('defect-suggestions').getByTestId('suggestion-item')
      await expect(regions.first()).toBeVisible()
      // No label exists yet but "good": the class offered is a new "defect" label.
      await expect(page.getByTestId('anomaly-class')).toHaveValue('defect')
      await page.screenshot({ path: '/tmp/loupe-inspector-heatmap.png' })
      await regions.first().getByTestId('suggestion-accept').click()
      await expect(page.getByTestId('box-item')).toHaveCount(1)
      await expect(page.getByTestId('box-item').first()).toHaveAttribute('data-label', 'defect')
      const saved = (await api.api.annotations.get({ imageId })).boxes
      expect(saved.map((box) => box.label)).toEqual(['defect'])
      await page.keyboard.press('Escape')
      await expect(library.viewer).toBeHidden()
    })

    await test.step('the defects labelled in the library, the Evaluate entry gives the model’s AUROC', async () => {
      // What is not labelled good is a defect; the one boxed above already counts as labelled.
      const unlabelled = page.getByTestId('sidebar-unlabelled')
      const count = DEFECT_COUNT - 1
      await expect(unlabelled.getByTestId('sidebar-count')).toHaveText(String(count))
      // The Anomalous entry is still on, and facets combine: all images first.
      await page.getByTestId('sidebar-all').click()
      await unlabelled.click()
      await library.expectGridCount(count)
      expect((await tileNames(library.tiles)).every((name) => defectNames.has(name))).toBe(true)
      await library.tile(0).click()
      await page.keyboard.press('ControlOrMeta+a')
      await expect(library.selectionCount).toHaveText(`${count} selected`)
      await page.keyboard.press('l')
      await page.getByTestId('label-input').fill('defect')
      await page.getByTestId('label-input').press('Enter')
      // The label's count takes in the image with a "defect" box.
      await expect(library.sidebarLabel('defect').getByTestId('sidebar-count')).toHaveText(String(DEFECT_COUNT))

      await page.getByTestId('sidebar-anomaly-evaluate').click()
      await expect(page.getByTestId('anomaly-view')).toBeVisible()
      const expected = await api.api.anomaly.evaluate({})
      const counts = page.getByTestId('eval-counts')
      await expect(counts).toHaveAttribute('data-defective', String(DEFECT_COUNT))
      await expect(counts).toHaveAttribute('data-good', String(expected.goodImages))
      await expect(page.getByTestId('eval-auroc')).toHaveAttribute('data-value', String(expected.auroc))
      expect(expected.auroc).toBeGreaterThan(0.5)
      await page.screenshot({ path: '/tmp/loupe-inspector-evaluate.png' })
    })
  } finally {
    api.close()
  }
})
