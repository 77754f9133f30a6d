import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, MODEL_DIR, SHARED_DATA, test } from './fixtures'
import type { LibraryPage } from './libraryPage'

// Starts as a new user would, without a model, and adds one on the way.
test.use({ installedModels: 'none' })

const NEU_IMAGES = join(SHARED_DATA, 'neu-det', 'images')
/** Three classes that look nothing alike, 8 images each: 7 labelled (enough to train and validate on), 1 not. */
const CLASSES = ['crazing', 'patches', 'scratches']
const PER_CLASS = 8
const LABELLED_PER_CLASS = 7
const IMAGE_COUNT = CLASSES.length * PER_CLASS
const SLOW = 90_000

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-training-${name}.png` })

/** Selects the first `count` tiles of one class (by file name) and gives them that class from the selection bar. */
async function labelClass(library: LibraryPage, name: string, count: number): Promise<void> {
  const tiles = library.page.locator(`[data-testid="tile"][title^="${name}_"]`)
  await expect(tiles).toHaveCount(PER_CLASS)
  await tiles.nth(0).click()
  for (let i = 1; i < count; i++) await tiles.nth(i).click({ modifiers: ['ControlOrMeta'] })
  await expect(library.selectionCount).toHaveText(`${count} selected`)
  await library.page.keyboard.press('l')
  const input = library.page.getByTestId('label-input')
  await input.fill(name)
  await input.press('Enter')
  await expect(library.sidebarLabel(name).getByTestId('sidebar-count')).toHaveText(String(count))
}

const problem = (view: Locator, reason: 'model' | 'labels') => view.locator(`[data-testid="training-problem"][data-reason="${reason}"]`)

async function openTraining(page: Page): Promise<Locator> {
  await page.getByTestId('train-button').click()
  const view = page.getByTestId('training-view')
  await expect(view).toBeVisible()
  await expect(view.getByTestId('training-status')).toHaveAttribute('data-loaded', 'true')
  return view
}

test('classifier: add a model and index, label, train with live curves, evaluate, inspect a confusion cell, manage versions', async ({ library }) => {
  // Indexing, two training runs and the detector: about 80 s on a busy two-core machine, with room to spare.
  test.setTimeout(180_000)
  const page = library.page
  await page.getByTestId('first-run-model-later').click()
  const source = await mkdtemp(join(tmpdir(), 'loupe-train-src-'))
  const out = await mkdtemp(join(tmpdir(), 'loupe-train-out-'))
  try {
    const names = (await readdir(NEU_IMAGES)).filter((name) => CLASSES.some((label) => name.startsWith(`${label}_`)))
    const chosen = CLASSES.flatMap((label) => names.filter((name) => name.startsWith(`${label}_`)).slice(0, PER_CLASS))
    await Promise.all(chosen.map((name) => copyFile(join(NEU_IMAGES, name), join(source, name))))
    await library.importAndWait(source)
    await library.expectImageCount(IMAGE_COUNT)

    await test.step('no model yet: the view says why training cannot start and leads to where a model is added', async () => {
      const view = await openTraining(page)
      await expect(problem(view, 'model')).toBeVisible()
      await expect(problem(view, 'labels')).toBeVisible()
      await expect(view.getByTestId('train-start')).toBeDisabled()
      await shot(page, 'no-model')
      await view.getByTestId('training-open-search').click()
      await expect(view).toBeHidden()
      const search = page.getByTestId('search-view')
      await expect(search).toBeVisible()
      await search.getByTestId('add-model-open').click()
      await search.getByTestId('model-path-input').fill(MODEL_DIR)
      await search.getByTestId('model-add').click()
      await expect(search.getByTestId('search-status')).toHaveAttribute('data-model-problem', 'false', { timeout: 30_000 })
      await search.getByTestId('search-close').click()
    })

    await test.step('no labels yet: the reason is given in words, and the images are indexed by themselves', async () => {
      const view = await openTraining(page)
      const status = view.getByTestId('training-status')
      await expect(problem(view, 'model')).toBeHidden()
      await expect(problem(view, 'labels')).toContainText('Nothing to train on')
      await expect(status).toHaveAttribute('data-pending', '0', { timeout: SLOW })
      await expect(view.getByTestId('training-unindexed')).toBeHidden()
      await view.getByTestId('training-close').click()
      await expect(view).toBeHidden()
    })

    for (const name of CLASSES) await labelClass(library, name, LABELLED_PER_CLASS)
    await page.keyboard.press('Escape')

    const view = await openTraining(page)
    await test.step('train: curves are drawn epoch by epoch and the finished run becomes the active version', async () => {
      await expect(view.getByTestId('training-status')).toHaveAttribute('data-ready', 'true')
      await expect(view.getByTestId('training-problem')).toHaveCount(0)
      await expect(view.getByTestId('train-class')).toHaveCount(CLASSES.length)
      await expect(view.getByTestId('train-class-count').first()).toHaveText(String(LABELLED_PER_CLASS))
      await expect(view.getByTestId('training-run')).toHaveAttribute('data-state', 'none')

      // A value the API refuses is named before anything is sent.
      await view.getByTestId('train-maxEpochs').fill('0')
      await expect(view.getByTestId('train-error')).toHaveText('Max epochs must be at least 1.')
      await expect(view.getByTestId('train-start')).toBeDisabled()
      await view.getByTestId('train-maxEpochs').fill('60')
      // Two validation images per class rather than one.
      await view.getByTestId('train-validationPercent').fill('30')

      await view.getByTestId('train-start').click()
      const run = view.getByTestId('training-run')
      await expect(run).toHaveAttribute('data-job-id', /\d+/)
      await expect.poll(async () => Number(await view.getByTestId('curve-loss').getAttribute('data-epochs')), { timeout: SLOW }).toBeGreaterThan(0)
      await expect(run).toHaveAttribute('data-state', 'completed', { timeout: SLOW })
      const epochs = Number(await run.getAttribute('data-epochs'))
      expect(epochs).toBeGreaterThan(1)
      expect(epochs).toBeLessThanOrEqual(60)
      for (const kind of ['loss', 'accuracy']) {
        const chart = view.getByTestId(`curve-${kind}`)
        await expect(chart).toHaveAttribute('data-epochs', String(epochs))
        await expect(chart.getByTestId('curve-line')).toHaveCount(2)
        for (const line of await chart.getByTestId('curve-line').all()) await expect(line).toHaveAttribute('data-points', String(epochs))
        await expect(chart.getByTestId('curve-best')).toHaveCount(1)
      }
      await expect(view.getByTestId('run-epoch')).toHaveAttribute('data-epoch', String(epochs))
      await expect(view.getByTestId('run-outcome')).toContainText('validation accuracy')
      await expect(view.getByTestId('training-status')).toHaveAttribute('data-active', /\d+/)
      await expect(view.getByTestId('training-coverage')).toHaveAttribute('data-unpredicted', '0')
      await expect(view.getByTestId('training-coverage')).toHaveAttribute('data-predicted', String(IMAGE_COUNT))
      await shot(page, 'trained')

      // Reopened, the view shows the run's stored curves.
      await view.getByTestId('training-close').click()
      await expect(view).toBeHidden()
      await openTraining(page)
      await expect(view.getByTestId('training-run')).toHaveAttribute('data-state', 'completed')
      await expect(view.getByTestId('curve-loss')).toHaveAttribute('data-epochs', String(epochs))
    })

    await test.step('evaluate: accuracy, scores per class, and a confusion matrix whose cells show their images', async () => {
      const versionId = await view.getByTestId('run-outcome').getAttribute('data-version-id')
      await view.getByTestId('run-evaluate').click()
      await expect(view.getByTestId('training-tab-versions')).toHaveAttribute('aria-selected', 'true')
      const evaluation = view.getByTestId('evaluation')
      await expect(evaluation).toHaveAttribute('data-version-id', versionId!)
      const accuracy = Number(await evaluation.getByTestId('eval-accuracy').getAttribute('data-value'))
      expect(accuracy).toBeGreaterThan(0)
      expect(accuracy).toBeLessThanOrEqual(1)
      await expect(evaluation.getByTestId('per-class-row')).toHaveCount(CLASSES.length)
      const matrix = evaluation.getByTestId('confusion-matrix')
      await expect(matrix).toHaveAttribute('data-classes', String(CLASSES.length))
      const cells = matrix.getByTestId('confusion-cell')
      await expect(cells).toHaveCount(CLASSES.length ** 2)
      const counts = await cells.evaluateAll((buttons) => buttons.map((button) => Number(button.getAttribute('data-count'))))
      const validation = counts.reduce((sum, count) => sum + count, 0)
      expect(validation).toBeGreaterThanOrEqual(CLASSES.length)
      // Every validation image is counted once; the correct ones sit on the diagonal.
      const diagonal = CLASSES.reduce((sum, _, i) => sum + counts[i * CLASSES.length + i]!, 0)
      expect(diagonal / validation).toBeCloseTo(accuracy, 5)
      await expect(cells.first()).toHaveAttribute('aria-label', /^True \S+, predicted \S+: \d+ images?/)
      await shot(page, 'evaluation')

      const cell = matrix.locator('[data-testid="confusion-cell"]:not([data-count="0"])').first()
      const cellCount = Number(await cell.getAttribute('data-count'))
      const trueLabel = (await cell.getAttribute('data-true'))!
      await cell.click()
      const images = evaluation.getByTestId('cell-images')
      await expect(images).toHaveAttribute('data-count', String(cellCount))
      await expect(images.getByTestId('cell-image')).toHaveCount(cellCount)
      await expect(images.locator('img').first()).toHaveJSProperty('complete', true)
      const first = images.getByTestId('cell-image').first()
      await expect(first).toHaveAttribute('title', new RegExp(`^${trueLabel}_`))
      await shot(page, 'cell')

      // A thumbnail opens in the annotation workspace; closing it comes back to the same cell.
      const fileName = (await first.getAttribute('title'))!.split(' ')[0]!
      await first.click()
      await expect(library.viewer).toBeVisible()
      await expect(view).toBeHidden()
      await expect(page.getByTestId('viewer-title')).toHaveText(fileName)
      await expect(page.getByTestId('viewer-position')).toHaveText(`1 of ${cellCount}`)
      await shot(page, 'workspace')
      await page.getByTestId('viewer-close').click()
      await expect(library.viewer).toBeHidden()
      await expect(view).toBeVisible()
      await expect(images.getByTestId('cell-image')).toHaveCount(cellCount)
    })

    await test.step('versions: export to a folder, import it back, activate the copy, delete the original', async () => {
      const rows = view.getByTestId('version-row')
      await expect(rows).toHaveCount(1)
      const originalId = await rows.first().getAttribute('data-version-id')
      const original = view.locator(`[data-testid="version-row"][data-version-id="${originalId}"]`)
      await expect(original).toHaveAttribute('data-active', 'true')

      await original.getByTestId('version-export').click()
      const dialog = page.getByTestId('folder-dialog')
      await expect(dialog).toBeVisible()
      // The dialog fills the field with the folder it opens on once that is listed; typing before then would be
      // typed after it, so wait for it first (a busy machine lists slowly).
      await expect(dialog.getByTestId('folder-path-input')).not.toHaveValue('')
      await dialog.getByTestId('folder-path-input').fill(out)
      await expect(dialog.getByTestId('folder-name-input')).toHaveValue(`classifier-${originalId}`)
      await dialog.getByTestId('folder-dialog-submit').click()
      await expect(dialog).toBeHidden()
      await expect(view.getByTestId('version-notice')).toHaveAttribute('data-kind', 'done')
      const exported = join(out, `classifier-${originalId}`)
      expect((await readdir(exported)).sort()).toEqual(['loupe-classifier.json', 'model.json', 'weights.bin'])

      // Esc leaves the folder dialog, not the view around it.
      await view.getByTestId('version-import').click()
      await expect(dialog).toBeVisible()
      await page.keyboard.press('Escape')
      await expect(dialog).toBeHidden()
      await expect(view).toBeVisible()

      // A folder that holds no classifier is refused with the reason, and the dialog stays open to choose another.
      const notAModel = join(out, 'not-a-model')
      await mkdir(notAModel)
      await writeFile(join(notAModel, 'model.json'), '{ not json')
      await view.getByTestId('version-import').click()
      await expect(dialog).toBeVisible()
      // The dialog fills the field with the folder it opens on once that is listed; typing before then would be
      // typed after it, so wait for it first (a busy machine lists slowly).
      await expect(dialog.getByTestId('folder-path-input')).not.toHaveValue('')
      await dialog.getByTestId('folder-path-input').fill(notAModel)
      await dialog.getByTestId('folder-dialog-submit').click()
      await expect(dialog.getByTestId('folder-dialog-error')).toContainText('model.json')
      await dialog.getByTestId('folder-path-input').fill(exported)
      await dialog.getByTestId('folder-dialog-submit').click()
      await expect(dialog).toBeHidden()
      await expect(rows).toHaveCount(2)
      const copy = view.locator(`[data-testid="version-row"]:not([data-version-id="${originalId}"])`)
      await expect(copy).toHaveAttribute('data-active', 'false')
      await expect(view.getByTestId('evaluation')).toHaveAttribute('data-version-id', (await copy.getAttribute('data-version-id'))!)
      // The copy carries the original's evaluation with it.
      await expect(view.getByTestId('confusion-matrix')).toHaveAttribute('data-classes', String(CLASSES.length))

      await copy.getByTestId('version-activate').click()
      await expect(copy).toHaveAttribute('data-active', 'true')
      await expect(original).toHaveAttribute('data-active', 'false')
      await expect(copy.getByTestId('version-active-marker')).toBeVisible()
      await shot(page, 'versions')

      await original.getByTestId('version-delete').click()
      await expect(original.getByTestId('version-confirm')).toBeVisible()
      await original.getByTestId('version-confirm-delete').click()
      await expect(rows).toHaveCount(1)
      await expect(rows.first()).toHaveAttribute('data-active', 'true')
      await expect(view.getByTestId('training-status')).toHaveAttribute('data-active', (await copy.getAttribute('data-version-id'))!)
    })

    await test.step('stopping a run keeps its best epoch so far as a new version, not made active', async () => {
      await view.getByTestId('training-tab-train').click()
      // A learning rate so small that the validation loss keeps improving for hundreds of epochs: only Stop ends this run.
      await view.getByTestId('train-maxEpochs').fill('1000')
      await view.getByTestId('train-patience').fill('100')
      await view.getByText('More options').click()
      await view.getByTestId('train-learningRate').fill('0.00005')
      await view.getByTestId('train-start').click()
      const run = view.getByTestId('training-run')
      await expect(run).toHaveAttribute('data-state', 'running', { timeout: SLOW })
      await expect.poll(async () => Number(await run.getAttribute('data-epochs')), { timeout: SLOW }).toBeGreaterThanOrEqual(3)
      await expect(view.getByTestId('train-start')).toBeDisabled()
      await view.getByTestId('run-cancel').click()
      await expect(run).toHaveAttribute('data-state', 'cancelled', { timeout: SLOW })
      await expect(view.getByTestId('run-outcome')).toContainText('was kept as a new version')
      await expect(view.getByTestId('train-start')).toBeEnabled()
      await view.getByTestId('training-tab-versions').click()
      const rows = view.getByTestId('version-row')
      await expect(rows).toHaveCount(2)
      await expect(rows.first()).toHaveAttribute('data-active', 'false')
      await expect(rows.first()).toContainText('Cancelled')
    })

    await test.step('pre-label: the detector runs as a job over the images without boxes and says what it suggested', async () => {
      await view.getByTestId('training-tab-prelabel').click()
      await expect(view.getByTestId('prelabel-detector')).toHaveAttribute('data-available', 'true')
      await view.getByTestId('prelabel-threshold').fill('0.5')
      await expect(view.getByTestId('prelabel-threshold-value')).toHaveText('0.50')
      await view.getByTestId('prelabel-start').click()
      const job = view.getByTestId('prelabel-job')
      await expect(job).toHaveAttribute('data-state', 'completed', { timeout: SLOW })
      await expect(job.getByTestId('prelabel-result')).toContainText(`on ${IMAGE_COUNT} images`)
      expect(Number(await job.getAttribute('data-suggestions'))).toBeGreaterThanOrEqual(0)
      await shot(page, 'prelabel')
    })
  } finally {
    await rm(source, { recursive: true, force: true })
    await rm(out, { recursive: true, force: true })
  }
})
