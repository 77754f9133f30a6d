import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, MODEL_DIR, SHARED_DATA, test } from './fixtures'
import { connectApi, type HostApi } from './hostApi'
import type { LibraryPage } from './libraryPage'

const NEU_IMAGES = join(SHARED_DATA, 'neu-det', 'images')
const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
const CLASSES = ['crazing', 'patches', 'scratches']
/** Per class: the first TAGGED are labelled, the rest of PER_CLASS are left for the model to predict. */
const PER_CLASS = 12
const TAGGED = 8
const UNLABELLED = CLASSES.length * (PER_CLASS - TAGGED)

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-predictions-${name}.png` })

let scratch = ''
test.beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-predictions-'))
})
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** Copies files into a fresh folder and imports it through the API; returns image ids by file name. */
async function importFiles(host: HostApi, name: string, files: { from: string; file: string }[]): Promise<Map<string, number>> {
  const dir = join(scratch, name)
  await mkdir(dir)
  for (const { from, file } of files) await copyFile(join(from, file), join(dir, file))
  await host.completed((await host.api.imports.start({ paths: [dir] })).id)
  const page = await host.api.catalog.listImages({ limit: 1000 })
  return new Map(page.items.map((image) => [image.fileName, image.id]))
}

/** Tiles in grid order with what they show of the prediction. */
async function tilePredictions(library: LibraryPage): Promise<{ id: number; label: string; confidence: number }[]> {
  return library.tiles.evaluateAll((tiles) =>
    tiles
      .map((tile) => {
        const element = tile as HTMLElement
        const badge = element.querySelector<HTMLElement>('[data-testid="tile-prediction"]')
        return {
          index: Number(element.dataset.index),
          id: Number(element.dataset.imageId),
          label: badge?.dataset.label ?? '',
          confidence: Number(badge?.dataset.confidence ?? NaN),
        }
      })
      .sort((a, b) => a.index - b.index)
      .map(({ index: _index, ...rest }) => rest),
  )
}

const sidebarCount = (entry: Locator) => entry.getByTestId('sidebar-count')

test('predictions: tiles, confidence sort, label-next queue, accept with P (undoable), possible label errors', async ({ library, host }) => {
  const page = library.page
  const api = await connectApi(host.url)
  try {
    // A small labelled set, indexed and trained through the API.
    const files = CLASSES.flatMap((name) => Array.from({ length: PER_CLASS }, (_, i) => ({ from: NEU_IMAGES, file: `${name}_${i + 1}.jpg` })))
    const ids = await importFiles(api, 'neu', files)
    await api.api.models.add({ path: MODEL_DIR })
    await api.completed((await api.api.search.index({})).id)
    for (const name of CLASSES) {
      const tagged = Array.from({ length: TAGGED }, (_, i) => ids.get(`${name}_${i + 1}.jpg`)!)
      await api.api.catalog.labelImages({ imageIds: tagged, label: name })
    }
    await api.completed((await api.api.training.start({})).id)
    await library.expectImageCount(files.length)

    await test.step('every tile shows its prediction, apart from its labels', async () => {
      await expect(page.getByTestId('tile-prediction')).toHaveCount(files.length)
      const scratchTile = page.locator(`[data-testid="tile"][data-image-id="${ids.get('scratches_12.jpg')}"]`)
      await expect(scratchTile.getByTestId('tile-prediction')).toHaveAttribute('data-label', 'scratches')
      await expect(scratchTile.getByTestId('label-chip')).toHaveCount(0)
      await shot(page, 'tiles')
    })

    await test.step('sort by confidence, most confident first', async () => {
      await page.getByTestId('sort-field').selectOption('confidence')
      await page.getByTestId('sort-direction').click()
      await expect(page.getByTestId('sort-direction')).toHaveAttribute('data-descending', 'true')
      await expect
        .poll(async () => {
          const confidences = (await tilePredictions(library)).map((tile) => tile.confidence)
          return confidences.length === files.length && confidences.every((c, i) => i === 0 || confidences[i - 1]! >= c)
        })
        .toBe(true)
    })

    const queue = await api.api.training.labelNext({ limit: UNLABELLED })
    await test.step('the Model section opens the label-next queue, in its order', async () => {
      const model = page.getByTestId('sidebar-model')
      const labelNext = model.locator('[data-testid="sidebar-queue"][data-queue="labelNext"]')
      await expect(sidebarCount(labelNext)).toHaveText(String(UNLABELLED))
      for (const name of CLASSES) await expect(model.locator(`[data-testid="sidebar-predicted"][data-label="${name}"]`)).toBeVisible()
      await labelNext.click()
      await library.expectGridCount(UNLABELLED)
      await expect(page.getByTestId('grid-title')).toHaveText('Label next')
      await expect(page.getByTestId('queue-order')).toBeVisible()
      await expect.poll(async () => (await tilePredictions(library)).map((tile) => tile.id)).toEqual(queue.map((item) => item.id))
      await shot(page, 'label-next')
    })

    await test.step('in the workspace, P accepts the prediction; undo takes it back; D steps on through the queue', async () => {
      await library.tile(0).dblclick()
      await expect(page.getByTestId('viewer-title')).toHaveText(queue[0]!.fileName)
      const panel = page.getByTestId('prediction-panel')
      await expect(panel).toHaveAttribute('data-label', queue[0]!.predicted.label)
      const tags = page.getByTestId('image-tags')
      await expect(tags).toHaveAttribute('data-tags', '')
      await shot(page, 'workspace-prediction')
      await page.keyboard.press('p')
      await expect(tags).toHaveAttribute('data-tags', queue[0]!.predicted.label)
      await expect(panel.getByTestId('prediction-accept')).toBeDisabled()
      expect((await api.api.annotations.get({ imageId: queue[0]!.id })).tags).toEqual([queue[0]!.predicted.label])
      await page.keyboard.press('ControlOrMeta+z')
      await expect(tags).toHaveAttribute('data-tags', '')
      await expect.poll(async () => (await api.api.annotations.get({ imageId: queue[0]!.id })).tags).toEqual([])
      await page.keyboard.press('p')
      await expect(tags).toHaveAttribute('data-tags', queue[0]!.predicted.label)
      // Now labelled, it has left the queue; the next one in the queue comes next.
      await page.keyboard.press('d')
      await expect(page.getByTestId('viewer-title')).toHaveText(queue[1]!.fileName)
      await expect(page.getByTestId('prediction-panel')).toHaveAttribute('data-label', queue[1]!.predicted.label)
      await page.keyboard.press('?')
      await expect(page.getByTestId('help-overlay')).toContainText('Accept the classifier’s prediction')
      await page.keyboard.press('Escape')
      await page.keyboard.press('Escape')
      await expect(library.viewer).toBeHidden()
      await library.expectGridCount(UNLABELLED - 1)
    })

    await test.step('the selection bar accepts the predictions of the selected images', async () => {
      await library.tile(0).click()
      await page.getByTestId('selection-accept-predictions').click()
      await library.expectGridCount(UNLABELLED - 2)
      await expect(sidebarCount(page.locator('[data-testid="sidebar-queue"][data-queue="labelNext"]'))).toHaveText(String(UNLABELLED - 2))
    })

    await test.step('a wrong label shows up under "Possible label errors" and is fixed with P', async () => {
      const sure = await api.api.catalog.listImages({ filter: { label: 'scratches', predictedLabel: 'scratches', minConfidence: 0.9 }, limit: 1 })
      const victim = sure.items[0]!
      await api.api.annotations.setTags({ imageId: victim.id, tags: ['crazing'] })
      const errors = page.locator('[data-testid="sidebar-queue"][data-queue="labelErrors"]')
      await expect(sidebarCount(errors)).not.toHaveText('0')
      await errors.click()
      await expect(page.getByTestId('grid-title')).toHaveText('Possible label errors')
      const tile = page.locator(`[data-testid="tile"][data-image-id="${victim.id}"]`)
      await expect(tile.getByTestId('label-chip')).toHaveText('crazing')
      await expect(tile.getByTestId('tile-prediction')).toHaveAttribute('data-label', 'scratches')
      await shot(page, 'label-errors')
      await tile.dblclick()
      await expect(page.getByTestId('viewer-title')).toHaveText(victim.fileName)
      await expect(page.getByTestId('image-tags')).toHaveAttribute('data-tags', 'crazing')
      await page.keyboard.press('p')
      await expect(page.getByTestId('image-tags')).toHaveAttribute('data-tags', 'scratches')
      await page.keyboard.press('Escape')
      await expect(page.locator(`[data-testid="tile"][data-image-id="${victim.id}"]`)).toHaveCount(0)
    })
  } finally {
    api.close()
  }
})

test('box suggestions: drawn on the canvas, accepted by click (undoable), rejected with N, accepted all', async ({ library, host }) => {
  const page = library.page
  const api = await connectApi(host.url)
  try {
    const ids = await importFiles(api, 'coco', [{ from: COCO_IMAGES, file: '000000000036.jpg' }])
    const imageId = ids.get('000000000036.jpg')!
    await api.completed((await api.api.training.prelabel({ imageIds: [imageId], threshold: 0.1 })).id)
    const pending = await api.api.training.suggestions({ imageId })
    expect(pending.length).toBeGreaterThanOrEqual(3)

    await library.tile(0).dblclick()
    const canvas = page.getByTestId('annotate-canvas')
    await expect(canvas).toHaveAttribute('data-rendered-image-id', String(imageId))
    const panel = page.getByTestId('suggestions-panel')
    // Until changed, the canvas shows what a pre-label run keeps by default (0.3), never less than the run stored.
    await expect(panel.getByTestId('suggestion-threshold')).toHaveValue('0.3')
    await expect(canvas).toHaveAttribute('data-suggestion-count', String(pending.filter((suggestion) => suggestion.score >= 0.3).length))
    await panel.getByTestId('suggestion-threshold').fill('0.1')
    await expect(canvas).toHaveAttribute('data-suggestion-count', String(pending.length))
    await shot(page, 'suggestions')

    // Click the middle of a suggestion that no smaller one covers there.
    const target = pending.find((s) => {
      const cx = s.x + s.width / 2
      const cy = s.y + s.height / 2
      return !pending.some((o) => o !== s && o.width * o.height < s.width * s.height && cx >= o.x && cx <= o.x + o.width && cy >= o.y && cy <= o.y + o.height)
    })!
    const bounds = (await canvas.boundingBox())!
    const [scale, offsetX, offsetY] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await canvas.getAttribute(name))))
    await page.mouse.click(bounds.x + offsetX! + (target.x + target.width / 2) * scale!, bounds.y + offsetY! + (target.y + target.height / 2) * scale!)
    const boxes = page.getByTestId('box-item')
    await expect(boxes).toHaveCount(1)
    await expect(boxes.first()).toHaveAttribute('data-label', target.label)
    await expect(boxes.first()).toHaveAttribute('data-saved', 'true')
    await expect(canvas).toHaveAttribute('data-suggestion-count', String(pending.length - 1))
    expect(Number(await boxes.first().getAttribute('data-x'))).toBeCloseTo(target.x, 3)

    await page.keyboard.press('ControlOrMeta+z')
    await expect(boxes).toHaveCount(0)

    // N rejects the highlighted one, the best scored left.
    const rest = pending.filter((s) => s.id !== target.id)
    await expect(panel.locator('[data-testid="suggestion-item"][data-highlighted="true"]')).toHaveAttribute('data-suggestion-id', String(rest[0]!.id))
    await page.keyboard.press('n')
    await expect(canvas).toHaveAttribute('data-suggestion-count', String(rest.length - 1))

    await panel.getByTestId('suggestions-accept-all').click()
    await expect(boxes).toHaveCount(rest.length - 1)
    await expect(panel).toBeHidden()
    await shot(page, 'suggestions-accepted')

    const decided = await api.api.training.suggestions({ imageId, includeDecided: true })
    expect(decided.filter((s) => s.state === 'rejected').map((s) => s.id)).toEqual([rest[0]!.id])
    expect(decided.filter((s) => s.state === 'accepted')).toHaveLength(pending.length - 1)
  } finally {
    api.close()
  }
})
