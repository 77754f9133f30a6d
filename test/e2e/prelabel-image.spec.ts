import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, SHARED_DATA, test } from './fixtures'

const PHOTO = join(SHARED_DATA, 'coco128', 'images', '000000000036.jpg')

test('"Pre-label this image" in the annotation view draws the detector\'s boxes on the canvas, to accept with Y', async ({ library }) => {
  const page = library.page
  const folder = await mkdtemp(join(tmpdir(), 'loupe-prelabel-image-'))
  try {
    await copyFile(PHOTO, join(folder, '000000000036.jpg'))
    await library.importAndWait(folder)
    await library.tile(0).dblclick()
    const canvas = page.getByTestId('annotate-canvas')
    await expect(canvas).toHaveAttribute('data-rendered-image-id', /\d+/)
    await expect(canvas).toHaveAttribute('data-suggestion-count', '0')
    await expect(page.getByTestId('suggestions-panel')).toBeHidden()

    const prelabel = page.getByTestId('prelabel-image')
    await prelabel.getByTestId('prelabel-image-run').click()
    // The person under the parasol and the parasol: at least two boxes, drawn as suggestions, no job in the tray.
    await expect.poll(async () => Number(await canvas.getAttribute('data-suggestion-count')), { timeout: 60_000 }).toBeGreaterThanOrEqual(2)
    await expect(prelabel).toHaveAttribute('data-detecting', 'false')
    await expect(prelabel.getByTestId('prelabel-image-run')).toHaveText('Pre-label this image again')
    const panel = page.getByTestId('suggestions-panel')
    await expect(panel).toBeVisible()
    await expect(panel).toContainText('person')
    await expect(library.jobRows.and(page.locator('[data-job-kind="prelabel"]'))).toHaveCount(0)
    await page.screenshot({ path: '/tmp/loupe-prelabel-image.png' })

    // Shift+Y accepts every suggestion shown: they become real boxes.
    const shown = Number(await canvas.getAttribute('data-suggestion-count'))
    await page.keyboard.press('Shift+Y')
    await expect(canvas).toHaveAttribute('data-suggestion-count', '0')
    await expect(page.getByTestId('box-item')).toHaveCount(shown)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
