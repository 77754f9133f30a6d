import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { goodTiles } from '../main/engines/anomaly/support'
import { expect, test } from './fixtures'
import { connectApi } from './hostApi'
import { importTileSubset } from './magneticTiles'

/** Learning and scoring the catalogue; generous for two busy cores. */
const LEARN_TIMEOUT = 180_000

/** The workspace's tiles are imported from `scratch`; `outside` holds files that are never imported. */
let scratch = ''
let outside = ''
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-anomaly-learn-'))
  outside = await mkdtemp(join(tmpdir(), 'loupe-e2e-anomaly-outside-'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const anomalousCount = (page: Page) => page.getByTestId('sidebar-anomalous').getByTestId('sidebar-count')
const modelRow = (page: Page, version: number) => page.locator(`[data-testid="anomaly-model-row"][data-version="${version}"]`)

async function learnAndWait(page: Page, version: number): Promise<void> {
  await page.getByTestId('learn-start').click()
  const run = page.getByTestId('learn-run')
  // The run shown may still be the last one, completed: the new version's outcome is what says this one finished.
  await expect(page.getByTestId('learn-outcome')).toContainText(`default v${version}`, { timeout: LEARN_TIMEOUT })
  await expect(run).toHaveAttribute('data-state', 'completed')
  await expect(page.getByTestId('learn-outcome')).toContainText('It became the active version')
}

test('learn what good looks like in the Anomaly view, tune the threshold, learn again and choose the version in use', async ({ library, host }) => {
  test.setTimeout(2 * LEARN_TIMEOUT + 60_000)
  const page = library.page
  const api = await connectApi(host.url)
  try {
    await importTileSubset(api, scratch)
    await library.expectImageCount(13)
  } finally {
    api.close()
  }

  await test.step('a folder with one picture is refused with the reason, and nothing is kept', async () => {
    await copyFile((await goodTiles())[1]!, join(outside, 'tile.jpg'))
    await page.getByTestId('anomaly-button').click()
    await expect(page.getByTestId('anomaly-view')).toBeVisible()
    await page.getByTestId('learn-source-folder').check()
    await page.getByTestId('learn-folder').fill(outside)
    await expect(page.getByTestId('learn-folder-images')).toHaveAttribute('data-count', '1')
    await page.getByTestId('learn-start').click()
    await expect(page.getByTestId('learn-run')).toHaveAttribute('data-state', 'failed', { timeout: LEARN_TIMEOUT })
    await expect(page.getByTestId('learn-outcome')).toContainText('One good image is not enough')
    await page.getByTestId('anomaly-tab-models').click()
    await expect(page.getByTestId('anomaly-models-empty')).toBeVisible()
    await page.getByTestId('anomaly-tab-learn').click()
    await page.getByTestId('learn-source-label').check()
  })

  await test.step('learn from the "good" label; the job finishes and its version is listed as active', async () => {
    await expect(page.getByTestId('learn-label')).toHaveValue('good')
    await expect(page.getByTestId('learn-count')).toContainText('10 good images')
    // Loupe's choice of a second image model by default; none asked for here, and the version lists the one it used.
    const second = page.getByTestId('learn-second-model')
    await expect(second).toHaveValue('auto')
    await second.selectOption('none')
    await learnAndWait(page, 1)
    await page.getByTestId('learn-adjust-threshold').click()
    await expect(page.getByTestId('anomaly-tab-models')).toHaveAttribute('aria-selected', 'true')
    await expect(modelRow(page, 1)).toHaveAttribute('data-active', 'true')
    await expect(modelRow(page, 1)).toContainText('10 / 2')
    await expect(modelRow(page, 1).locator('.anomaly-backbone')).toHaveText('mobilenet-v1-1.0-224')
  })

  await test.step('a lower threshold raises the expected false alarms and, once saved, the library’s Anomalous count', async () => {
    const falseAlarms = page.getByTestId('threshold-false-alarms')
    const flagged = page.getByTestId('threshold-flagged')
    await expect(falseAlarms).not.toHaveAttribute('data-rate', '')
    const learntRate = Number(await falseAlarms.getAttribute('data-rate'))
    const learntFlagged = (await flagged.getAttribute('data-count')) ?? ''
    expect(learntRate).toBeLessThan(1)
    expect(Number(learntFlagged)).toBeLessThan(13)

    await page.getByTestId('threshold-input').fill('0')
    await expect(falseAlarms).toHaveAttribute('data-rate', '1')
    await expect(falseAlarms).toHaveText('100% of good images')
    await expect(flagged).toHaveAttribute('data-count', '13')
    await page.getByTestId('threshold-save').click()
    await expect(page.getByTestId('threshold-saved')).toBeVisible()
    await expect(modelRow(page, 1).getByTestId('anomaly-model-threshold')).toHaveText('0.000')
    await expect(modelRow(page, 1).getByTestId('anomaly-model-false-alarms')).toHaveText('100%')

    // Shown in the library: its Anomalous filter, with every image now.
    await page.getByTestId('threshold-show').click()
    await expect(page.getByTestId('anomaly-view')).toBeHidden()
    await expect(page.getByTestId('sidebar-anomalous')).toHaveAttribute('aria-pressed', 'true')
    await expect(anomalousCount(page)).toHaveText('13')
    await library.expectGridCount(13)
  })

  await test.step('learning again from a library selection adds version 2, which becomes the one in use', async () => {
    await library.sidebarLabel('good').click()
    await library.expectGridCount(10)
    await library.tile(0).click()
    await page.keyboard.press('ControlOrMeta+a')
    await expect(library.selectionCount).toHaveText('10 selected')
    await page.getByTestId('selection-learn-good').click()
    await expect(page.getByTestId('learn-source-selection')).toBeChecked()
    await expect(page.getByTestId('learn-selection')).toHaveAttribute('data-count', '10')
    await learnAndWait(page, 2)
    await page.getByTestId('anomaly-tab-models').click()
    await expect(modelRow(page, 2)).toHaveAttribute('data-active', 'true')
    await expect(modelRow(page, 1)).toHaveAttribute('data-active', 'false')
    await page.getByTestId('anomaly-close').click()
    // Version 2 keeps its learnt threshold, so the library no longer flags everything.
    await expect(page.getByTestId('sidebar-anomaly')).toHaveAttribute('data-model', 'default v2')
    await expect(anomalousCount(page)).not.toHaveText('13')
  })

  await test.step('choosing version 1 again puts its scores and threshold back in the library; version 2 is deleted', async () => {
    await page.getByTestId('anomaly-button').click()
    await page.getByTestId('anomaly-tab-models').click()
    await modelRow(page, 1).getByTestId('anomaly-model-use').click()
    await expect(page.getByTestId('anomaly-notice')).toContainText('default v1 is now the active version')
    await expect(modelRow(page, 1)).toHaveAttribute('data-active', 'true')
    await expect(modelRow(page, 2)).toHaveAttribute('data-active', 'false')

    // Deleting the other version asks first, and leaves the one in use alone.
    await modelRow(page, 2).getByTestId('anomaly-model-delete').click()
    await modelRow(page, 2).getByTestId('anomaly-model-confirm-delete').click()
    await expect(modelRow(page, 2)).toHaveCount(0)
    await expect(page.getByTestId('anomaly-model-count')).toHaveAttribute('data-count', '1')
    await page.screenshot({ path: '/tmp/loupe-anomaly-models.png' })
    await page.getByTestId('anomaly-close').click()
    await expect(page.getByTestId('sidebar-anomaly')).toHaveAttribute('data-model', 'default v1')
    await expect(anomalousCount(page)).toHaveText('13')
  })
})
