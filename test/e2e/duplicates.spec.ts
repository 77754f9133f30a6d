import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import type { Locator, Page } from '@playwright/test'
import { expect, SHARED_DATA, test } from './fixtures'
import { connectApi } from './hostApi'
import { indexedByItself } from './searchView'

const NEU_IMAGES = join(SHARED_DATA, 'neu-det', 'images')

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/loupe-duplicates-${name}.png` })

/** Made from the originals: a re-encode, a half-size copy and a ~5% crop, as people make them. */
const COPIES: Record<string, (image: Sharp) => Sharp> = {
  'reencoded-crazing_1.jpg': (image) => image.jpeg({ quality: 70 }),
  'half-scratches_2.jpg': (image) => image.resize(100).jpeg({ quality: 90 }),
  'cropped-crazing_3.png': (image) => image.extract({ left: 4, top: 6, width: 190, height: 190 }).png(),
}
const originalOf = (copy: string) => copy.replace(/^[a-z]+-/, '').replace(/\.png$/, '.jpg')

function member(group: Locator | Page, fileName: string, ids: Map<string, number>): Locator {
  return group.locator(`[data-testid="dup-member"][data-image-id="${ids.get(fileName)}"]`)
}

test('near-duplicates: copies of NEU textures pair with their originals, side by side with what goes with each; removing the extras drops the count by them', async ({
  library,
  host,
}) => {
  const page = library.page
  const root = await mkdtemp(join(tmpdir(), 'loupe-dups-e2e-'))
  const api = await connectApi(host.url)
  try {
    // Two classes of steel texture: to the model, every crazing image looks like every other.
    const originals = (await readdir(NEU_IMAGES)).filter((name) => /^(crazing|scratches)_[1-6]\.jpg$/.test(name))
    await mkdir(join(root, 'neu'))
    await mkdir(join(root, 'copies'))
    await Promise.all(originals.map((name) => copyFile(join(NEU_IMAGES, name), join(root, 'neu', name))))
    for (const [copy, alter] of Object.entries(COPIES)) await alter(sharp(join(NEU_IMAGES, originalOf(copy)))).toFile(join(root, 'copies', copy))
    await library.importAndWait(join(root, 'neu'))
    await library.importAndWait(join(root, 'copies'))
    await library.expectImageCount(15)

    const listed = await api.api.catalog.listImages({ sort: 'name', limit: 100 })
    const ids = new Map(listed.items.map((image) => [image.fileName, image.id]))
    // Earlier work on both images of one pair: whichever is removed carries annotations.
    await api.api.annotations.addBox({ imageId: ids.get('crazing_1.jpg')!, label: 'crazing', x: 10, y: 10, width: 80, height: 60 })
    await api.api.catalog.setStatus({ imageIds: [ids.get('reencoded-crazing_1.jpg')!], status: 'reviewed' })

    await page.getByTestId('search-button').click()
    const view = page.getByTestId('search-view')
    await indexedByItself(view, 15)

    await view.getByTestId('search-tab-duplicates').click()
    const summary = view.getByTestId('dup-summary')
    // The model's own threshold, calibrated on altered copies; then only the three real copies are grouped.
    await expect(view.getByTestId('dup-threshold')).toBeVisible({ timeout: 60_000 })
    await expect(summary).toHaveAttribute('data-groups', '3', { timeout: 60_000 })
    await expect(summary).toHaveAttribute('data-extras', '3')
    const groups = view.getByTestId('dup-group')
    await expect(groups).toHaveCount(3)

    for (const copy of Object.keys(COPIES)) {
      const group = groups.filter({ has: member(page, copy, ids) })
      await expect(group.getByTestId('dup-member')).toHaveCount(2)
      await expect(member(group, originalOf(copy), ids)).toBeVisible()
      // Side by side, with size, format and dimensions.
      const [left, right] = [await group.getByTestId('dup-member').nth(0).boundingBox(), await group.getByTestId('dup-member').nth(1).boundingBox()]
      expect(Math.abs(left!.y - right!.y)).toBeLessThan(2)
      expect(left!.width).toBeGreaterThanOrEqual(200)
      await expect(member(group, copy, ids).getByTestId('dup-facts')).toContainText(copy === 'half-scratches_2.jpg' ? '100 × 100 · JPEG' : copy.endsWith('.png') ? '190 × 190 · PNG' : '200 × 200 · JPEG')
    }

    // The half-size copy goes, the original stays; nothing goes with the copy.
    const scratches = groups.filter({ has: member(page, 'half-scratches_2.jpg', ids) })
    await expect(member(scratches, 'scratches_2.jpg', ids)).toHaveAttribute('data-kept', 'true')
    await expect(member(scratches, 'half-scratches_2.jpg', ids).getByTestId('dup-carries')).toHaveText('No boxes, tags or status go with it')
    // A thumbnail opens the group in the annotation view, to look closer before choosing; closing it comes back here.
    await member(scratches, 'half-scratches_2.jpg', ids).getByTestId('dup-open').click()
    await expect(page.getByTestId('viewer-title')).toHaveText('half-scratches_2.jpg')
    await expect(page.getByTestId('viewer-position')).toContainText('2')
    await page.getByTestId('viewer-close').click()
    await expect(page.getByTestId('viewer-title')).toBeHidden()
    await expect(view).toBeVisible()
    await expect(groups).toHaveCount(3)

    // Both of the worked-on pair are annotated: the extra says what it takes with it.
    const worked = groups.filter({ has: member(page, 'reencoded-crazing_1.jpg', ids) })
    const extra = worked.locator('[data-testid="dup-member"][data-kept="false"]')
    await expect(extra.getByTestId('dup-carries')).toHaveAttribute('data-annotated', 'true')
    await expect(extra.getByTestId('dup-carries')).toContainText(/Removing it also removes (1 box \(crazing\)|status: Reviewed)/)
    await shot(page, 'groups')

    // Choosing the other one to keep moves the warning to the other image.
    const extraId = await extra.getAttribute('data-image-id')
    const keptId = await worked.locator('[data-testid="dup-member"][data-kept="true"]').getAttribute('data-image-id')
    await extra.getByTestId('dup-keep').check()
    await expect(worked.locator(`[data-testid="dup-member"][data-image-id="${keptId}"]`)).toHaveAttribute('data-kept', 'false')

    await view.getByTestId('dup-remove').click()
    const confirm = view.getByTestId('dup-confirm')
    await expect(confirm).toContainText('Remove 3 images from the catalogue?')
    await expect(confirm).toContainText('not touched')
    // The annotated image about to go is listed, with its annotations, before anything is removed.
    const listedItems = confirm.getByTestId('dup-confirm-item')
    await expect(listedItems).toHaveCount(1)
    await expect(listedItems.first()).toHaveAttribute('data-image-id', keptId!)
    await expect(listedItems.first()).toContainText(/1 box \(crazing\)|status: Reviewed/)
    expect(keptId).not.toBe(extraId)
    await shot(page, 'confirm')
    await library.expectImageCount(15)

    await confirm.getByTestId('dup-confirm-remove').click()
    await library.expectImageCount(12)
    await expect(summary).toHaveAttribute('data-groups', '0')
    const remaining = new Set((await api.api.catalog.listImages({ sort: 'name', limit: 100 })).items.map((image) => image.fileName))
    expect(remaining.has('scratches_2.jpg') && !remaining.has('half-scratches_2.jpg')).toBe(true)
    expect(remaining.has('crazing_3.jpg') && !remaining.has('cropped-crazing_3.png')).toBe(true)
    expect(remaining.has(ids.get('crazing_1.jpg') === Number(extraId) ? 'crazing_1.jpg' : 'reencoded-crazing_1.jpg')).toBe(true)
  } finally {
    api.close()
    await rm(root, { recursive: true, force: true })
  }
})
