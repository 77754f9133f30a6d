import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { ImageAnnotations, Label } from '../../src/shared/api/schemas'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'

const COCO = join(SHARED_DATA, 'coco128')
/** The first of them, opened below, has 4 orange, 3 bowl and 1 broccoli boxes; with the others, 6 classes are boxed. */
const FILES = ['000000000009.jpg', '000000000025.jpg', '000000000030.jpg']

let imagesDir = ''

test.beforeAll(async () => {
  imagesDir = await mkdtemp(join(tmpdir(), 'loupe-e2e-classes-'))
  for (const file of FILES) await copyFile(join(COCO, 'images', file), join(imagesDir, file))
})

test.afterAll(async () => {
  await rm(imagesDir, { recursive: true, force: true })
})

/** The row of the first box of class `label`. */
function rowOf(page: Page, label: string): Locator {
  return page.locator(`[data-testid="box-item"][data-label="${label}"]`).first()
}

test('a COCO import gives hotkeys; the class picker changes a box’s class by name, and undo restores it', async ({ host, library }) => {
  const api = await connectApi(host.url)
  let labels: Label[]
  let imageId: number
  try {
    // The annotation file lists all 128 images; the 125 not imported are skipped.
    const job = await api.api.imports.start({
      paths: [imagesDir],
      annotations: { format: 'coco', path: join(COCO, 'annotations', 'instances_train2017.json'), skipInvalid: true },
    })
    await api.completed(job.id)
    labels = await api.api.catalog.listLabels({})
    await library.expectImageCount(FILES.length)
    await library.page.getByTestId('sort-field').selectOption('name')
    await library.tile(0).dblclick()
    const page = library.page
    await expect(page.getByTestId('viewer-position')).toHaveText(`1 of ${FILES.length}`)
    await expect(page.getByTestId('box-item')).toHaveCount(8)
    imageId = Number(await page.getByTestId('annotate-canvas').getAttribute('data-image-id'))
    const savedLabels = async () => ((await api.api.annotations.get({ imageId })) as ImageAnnotations).boxes.map((box) => box.label).sort()

    // Only the six boxed classes got hotkeys, the most boxed first.
    const hotkeys = Object.fromEntries(labels.flatMap((label) => (label.hotkey ? [[label.hotkey, label.name]] : [])))
    expect(hotkeys).toEqual({ '1': 'orange', '2': 'bowl', '3': 'giraffe', '4': 'broccoli', '5': 'potted plant', '6': 'vase' })

    // The boxes come first in the side panel, and the 80 classes are cut to a few until asked for.
    const panel = page.getByTestId('annotate-panel')
    const boxesTop = (await panel.getByTestId('box-list').boundingBox())!.y
    expect(boxesTop).toBeLessThan((await panel.getByTestId('labels-panel').boundingBox())!.y)
    const showAll = panel.getByTestId('labels-show-all')
    await expect(showAll).toHaveText('Show all 80')
    expect(await panel.getByTestId('label-item').count()).toBeLessThan(10)
    await showAll.click()
    await expect(panel.getByTestId('label-item')).toHaveCount(80)
    await showAll.click()
    await showAll.blur()

    // A number key relabels the selected box with the class that got it.
    await rowOf(page, 'broccoli').locator('.box-geometry').click()
    await page.keyboard.press('2')
    await expect(rowOf(page, 'broccoli')).toHaveCount(0)
    await expect.poll(savedLabels).toEqual([...Array(4).fill('bowl'), ...Array(4).fill('orange')])
    await page.keyboard.press('Control+z')
    await expect.poll(savedLabels).toEqual(['bowl', 'bowl', 'bowl', 'broccoli', 'orange', 'orange', 'orange', 'orange'])

    // E opens the picker for the selected box; typing part of a class name and Enter choose it.
    await rowOf(page, 'broccoli').locator('.box-geometry').click()
    await page.keyboard.press('e')
    const picker = page.getByTestId('class-picker')
    await expect(picker).toBeVisible()
    await picker.getByTestId('label-input').fill('zeb')
    await expect(picker.getByTestId('label-option').first()).toContainText('zebra')
    await page.keyboard.press('Enter')
    await expect(picker).toHaveCount(0)
    await expect(page.locator('[data-testid="box-item"][data-selected="true"]')).toHaveAttribute('data-label', 'zebra')
    await expect.poll(savedLabels).toEqual(['bowl', 'bowl', 'bowl', 'orange', 'orange', 'orange', 'orange', 'zebra'])
    await page.keyboard.press('Control+z')
    await expect.poll(savedLabels).toEqual(['bowl', 'bowl', 'bowl', 'broccoli', 'orange', 'orange', 'orange', 'orange'])
    await expect(rowOf(page, 'broccoli')).toBeVisible()

    // From a box's row: its class opens the picker there; the arrows move through the matches.
    await rowOf(page, 'bowl').getByTestId('box-class').click()
    await expect(picker).toBeVisible()
    await picker.getByTestId('label-input').fill('pot')
    await expect(picker.getByTestId('label-option').first()).toContainText('potted plant')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect.poll(savedLabels).toEqual(['bowl', 'bowl', 'broccoli', 'orange', 'orange', 'orange', 'orange', 'potted plant'])

    // From the toolbar's label chip; Esc closes only the picker, not the workspace.
    await page.getByTestId('current-label').click()
    await expect(picker).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(picker).toHaveCount(0)
    await expect(page.getByTestId('viewer')).toBeVisible()
  } finally {
    api.close()
  }
})
