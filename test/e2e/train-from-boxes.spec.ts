import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { neuSubset } from './neuSubset'

/** 3 classes × 8 images with their VOC files; scratches_7 also has an inclusion box, so its boxes disagree. */
const CLASSES = ['crazing', 'patches', 'scratches']
const PER_CLASS = 8
const MIXED = 1
const SLOW = 90_000

let scratch = ''
test.beforeAll(async () => {
  scratch = await neuSubset(CLASSES, PER_CLASS)
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

test('a VOC import trains from the classes of its boxes, with no image tagged', async ({ library }) => {
  test.setTimeout(120_000)
  const page = library.page
  await library.importAndWait(join(scratch, 'images'), { vocAnnotations: join(scratch, 'annotations') })
  await library.expectImageCount(CLASSES.length * PER_CLASS)

  await page.getByTestId('train-button').click()
  const view = page.getByTestId('training-view')
  const status = view.getByTestId('training-status')
  await expect(status).toHaveAttribute('data-loaded', 'true')

  // By default an untagged image takes its boxes' class: ready, with the counts and the image left out said.
  await expect(view.getByTestId('train-labels-tags-then-boxes')).toBeChecked()
  await expect(view.getByTestId('training-label-source')).toHaveAttribute('data-labels', 'tags-then-boxes')
  await expect(status).toHaveAttribute('data-ready', 'true')
  await expect(view.getByTestId('training-problem')).toHaveCount(0)
  const sources = view.getByTestId('train-sample-sources')
  await expect(sources).toHaveAttribute('data-from-boxes', String(CLASSES.length * PER_CLASS - MIXED))
  await expect(sources).toHaveAttribute('data-mixed', String(MIXED))
  await expect(sources).toContainText('whose boxes have different classes')
  await expect(view.getByTestId('train-class')).toHaveCount(CLASSES.length)

  // On tags alone nothing can train: the warning and Start say so together.
  await view.getByTestId('train-labels-tags').check()
  await expect(view.locator('[data-testid="training-problem"][data-reason="labels"]')).toContainText('no images have a class yet')
  await expect(status).toHaveAttribute('data-ready', 'false')
  await expect(view.getByTestId('train-start')).toBeDisabled()

  await view.getByTestId('train-labels-boxes').check()
  await expect(view.getByTestId('training-label-source')).toContainText('box classes')
  await expect(status).toHaveAttribute('data-ready', 'true')
  await expect(view.getByTestId('train-start')).toBeEnabled()
  await page.screenshot({ path: '/tmp/loupe-train-from-boxes.png' })
  await view.getByTestId('train-maxEpochs').fill('30')
  await view.getByTestId('train-start').click()
  const run = view.getByTestId('training-run')
  await expect(run).toHaveAttribute('data-state', 'completed', { timeout: SLOW })

  await view.getByTestId('run-evaluate').click()
  const evaluation = view.getByTestId('evaluation')
  await expect(evaluation.getByTestId('eval-samples')).toHaveAttribute('data-labels', 'boxes')
  await expect(evaluation.getByTestId('eval-samples')).toHaveText('images by box class')
  await expect(evaluation.getByTestId('per-class-row')).toHaveCount(CLASSES.length)
})
