import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mobilenetOnnx, nchwVariant, writeOnnx } from '../main/engines/ml/onnx-files'
import { expect, SHARED_DATA, test } from './fixtures'

const IMAGE_COUNT = 3

/** A new machine: no model yet, so the search view offers "Get an image model", where a file can be added offline. */
test.use({ installedModels: 'none' })

test('an .onnx file: the guessed settings are shown to confirm, the scaling is changed, and the model is installed', async ({ library }) => {
  const page = library.page
  const dir = await mkdtemp(join(tmpdir(), 'loupe-onnx-e2e-'))
  try {
    // The shared MobileNetV2 0.35 converted by the product's converter, behind an NCHW input, with three outputs.
    await writeOnnx(dir, 'mobilenet-nchw.onnx', nchwVariant(await mobilenetOnnx()))
    await page.getByTestId('first-run-model-later').click()
    await expect(page.getByTestId('first-run-model')).toBeHidden()
    // A few photographs, so that there is something to search and the model can show that it embeds them.
    const images = join(SHARED_DATA, 'coco128', 'images')
    const photos = join(dir, 'photos')
    await mkdir(photos)
    const names = (await readdir(images)).sort().slice(0, IMAGE_COUNT)
    await Promise.all(names.map((name) => copyFile(join(images, name), join(photos, name))))
    await library.importAndWait(photos)
    await page.getByTestId('search-button').click()
    const view = page.getByTestId('search-view')
    const status = view.getByTestId('search-status')
    await expect(status).toHaveAttribute('data-model-problem', 'true')

    // Chosen in the folder browser: open its folder, then click the file.
    await view.getByTestId('add-model-open').click()
    await view.getByTestId('model-path-input').fill(dir)
    await view.locator('[data-testid="browse-entry"][data-kind="model"]', { hasText: 'mobilenet-nchw.onnx' }).click()
    await expect(view.getByTestId('model-path-input')).toHaveValue(join(dir, 'mobilenet-nchw.onnx'))

    const settings = view.getByTestId('onnx-settings')
    await expect(settings).toBeVisible()
    // What the graph says is filled in and not marked; what it does not say is marked with why.
    await expect(settings.getByTestId('onnx-width')).toHaveValue('224')
    await expect(settings.getByTestId('onnx-layout-nchw')).toBeChecked()
    await expect(settings.getByTestId('onnx-guess-layout')).toHaveCount(0)
    await expect(settings.getByTestId('onnx-guess-width')).toHaveCount(0)
    await expect(settings.getByTestId('onnx-normalisation-minus-one-to-one')).toBeChecked()
    await expect(settings.getByTestId('onnx-guess-normalisation')).toContainText('guessed: an ONNX file does not say how pixel values are scaled')
    await expect(settings.getByTestId('onnx-output')).toHaveValue('embedding')
    await expect(settings.getByTestId('onnx-guess-output')).toContainText('several outputs could be the embedding')
    // A 2-d output cannot be averaged over positions; the NCHW feature map can, and is, once chosen.
    await expect(settings.getByTestId('onnx-pooling-avg')).toBeDisabled()
    await settings.getByTestId('onnx-output').selectOption('features_nchw')
    await expect(settings.getByTestId('onnx-pooling-avg')).toBeChecked()
    await settings.getByTestId('onnx-output').selectOption('embedding')
    await expect(settings.getByTestId('onnx-pooling-none')).toBeChecked()

    // A custom scaling that does not read is refused in words before anything is sent.
    await settings.getByTestId('onnx-normalisation-custom').check()
    await expect(settings.getByTestId('onnx-scale')).toHaveValue('0.00784314')
    await settings.getByTestId('onnx-scale').fill('a lot')
    await view.getByTestId('model-add').click()
    await expect(view.getByTestId('model-add-error')).toContainText('The scale must be a number')
    await view.getByTestId('model-add-error').scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/loupe-onnx-settings.png' })

    await settings.getByTestId('onnx-normalisation-zero-to-one').check()
    await view.getByTestId('model-add').click()
    await expect(status).toHaveAttribute('data-model-problem', 'false')
    await expect(status).toHaveAttribute('data-model', 'mobilenet-nchw')
    await expect(page.getByTestId('toast').filter({ hasText: 'installed' })).toBeVisible()
    // The model it was waiting for has come: the images are indexed by themselves.
    await expect(status).toHaveAttribute('data-indexed', String(IMAGE_COUNT), { timeout: 60_000 })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
