import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { expect, SHARED_DATA, test } from './fixtures'

const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')
const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

test('a new workspace invites importing', async ({ library }) => {
  await library.expectImageCount(0)
  await expect(library.page.getByTestId('empty-library')).toBeVisible()
})

test('imports a folder from the in-app dialog, and importing it again adds nothing', async ({ library }) => {
  const result = await library.importAndWait(COCO_IMAGES)
  await expect(result).toHaveAttribute('data-added', '128')
  await library.expectImageCount(128)
  await library.expectGridCount(128)
  await expect(library.tiles.first()).toBeVisible()

  // The grid is virtualised: scrolling to the end brings the last of the 128 tiles into the DOM.
  await library.grid.evaluate((grid) => grid.scrollTo(0, grid.scrollHeight))
  await expect(library.tile(127)).toBeVisible()

  const again = await library.importAndWait(COCO_IMAGES)
  await expect(again).toHaveAttribute('data-added', '0')
  await expect(again).toHaveAttribute('data-duplicates', '128')
  await library.expectImageCount(128)
})

test('the import dialog browses folders: typing a path opens it, clicking a folder chooses it', async ({ library }) => {
  const page = library.page
  await page.getByTestId('import-button').click()
  const path = page.getByTestId('import-path-input')
  await path.fill(CIFAR_MINI)
  const browser = page.getByTestId('folder-browser')
  await expect(browser.locator('[data-testid="browse-entry"][data-kind="dir"]')).toHaveCount(10)

  await browser.locator('[data-testid="browse-entry"][data-kind="dir"]', { hasText: 'cat' }).click()
  await expect(path).toHaveValue(join(CIFAR_MINI, 'cat'))
  await expect(browser.locator('[data-testid="browse-entry"][data-kind="image"]')).toHaveCount(30)

  await browser.getByTestId('browse-parent').click()
  await expect(path).toHaveValue(CIFAR_MINI)
  await browser.locator('[data-testid="browse-entry"][data-kind="dir"]', { hasText: 'dog' }).click()
  await page.getByTestId('import-submit').click()
  await library.jobIn('completed')
  await library.expectImageCount(30)
})

test('sorting by file name, both ways', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)
  const names = (await readdir(COCO_IMAGES)).sort()

  await library.page.getByTestId('sort-field').selectOption('name')
  await expect(library.tile(0)).toHaveAttribute('title', names[0]!)
  await library.page.getByTestId('sort-direction').click()
  await expect(library.tile(0)).toHaveAttribute('title', names.at(-1)!)
})

test('folder names become labels, and the sidebar filters by them', async ({ library }) => {
  await library.importAndWait(CIFAR_MINI, { labelsFromFolders: true })
  await library.expectImageCount(300)

  const labels = library.page.getByTestId('sidebar-label')
  await expect(labels).toHaveCount(10)
  for (const name of CIFAR_CLASSES) {
    await expect(library.sidebarLabel(name).getByTestId('sidebar-count')).toHaveText('30')
  }

  await library.sidebarLabel('cat').click()
  await expect(library.page.getByTestId('grid-title')).toHaveText('cat')
  await library.expectGridCount(30)
  await expect(library.tiles).toHaveCount(30)
  for (const tile of await library.tiles.all()) {
    await expect(tile.getByTestId('label-chip')).toHaveText(['cat'])
  }

  // Clicking the active label again goes back to everything.
  await library.sidebarLabel('cat').click()
  await library.expectGridCount(300)
})

test('selecting images and setting their status, then filtering by it', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)

  await library.tile(0).click()
  await library.tile(4).click({ modifiers: ['Shift'] })
  await expect(library.selectionCount).toHaveText('5 selected')
  await library.tile(2).click({ modifiers: ['ControlOrMeta'] })
  await expect(library.selectionCount).toHaveText('4 selected')

  await library.page.getByTestId('selection-status').click()
  await library.page.locator('[data-testid="status-option"][data-status="reviewed"]').click()
  await expect(library.sidebarStatus('reviewed').getByTestId('sidebar-count')).toHaveText('4')

  await library.sidebarStatus('reviewed').click()
  await library.expectGridCount(4)
  await expect(library.tiles).toHaveCount(4)
  await expect(library.page.locator('[data-testid="tile"] .status-dot[data-status="reviewed"]')).toHaveCount(4)
  // A new filter keeps the selected images that still match it, and drops the others.
  await expect(library.selectionCount).toHaveText('4 selected')
  await library.sidebarStatus('unlabelled').click()
  await expect(library.selectionCount).toBeHidden()
})

test('labels a selection by typing a new label name', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)

  await library.tile(0).click()
  await library.page.keyboard.press('Shift+ArrowRight')
  await library.page.keyboard.press('Shift+ArrowRight')
  await expect(library.selectionCount).toHaveText('3 selected')

  await library.page.keyboard.press('l')
  const input = library.page.getByTestId('label-input')
  await input.fill('favourite')
  await input.press('Enter')
  await expect(library.sidebarLabel('favourite').getByTestId('sidebar-count')).toHaveText('3')
  await expect(library.page.locator('[data-testid="sidebar-unlabelled"] [data-testid="sidebar-count"]')).toHaveText('125')

  // Ctrl+A takes everything in view; Esc lets go.
  await library.page.keyboard.press('ControlOrMeta+a')
  await expect(library.selectionCount).toHaveText('128 selected')
  await library.page.keyboard.press('Escape')
  await expect(library.selectionCount).toBeHidden()
})

test('the viewer shows an image with its metadata and steps through the grid order', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)

  await library.tile(0).dblclick()
  await expect(library.viewer).toBeVisible()
  const metadata = library.page.getByTestId('viewer-metadata')
  const path = (await metadata.getByTestId('meta-path').textContent()) ?? ''
  expect(path.startsWith(COCO_IMAGES)).toBe(true)

  const onDisk = await sharp(path).metadata()
  const size = metadata.getByTestId('meta-size')
  await expect(size).toHaveAttribute('data-width', String(onDisk.width))
  await expect(size).toHaveAttribute('data-height', String(onDisk.height))
  await expect(size).toHaveText(`${onDisk.width} × ${onDisk.height} px`)
  await expect(metadata.getByTestId('meta-format')).toHaveText('JPEG')
  await expect(metadata.getByTestId('meta-hash')).not.toBeEmpty()
  await expect(library.page.getByTestId('viewer-position')).toHaveText('1 of 128')
  await expect(library.page.getByTestId('viewer-image')).toHaveJSProperty('complete', true)

  const firstTitle = await library.page.getByTestId('viewer-title').textContent()
  await library.page.keyboard.press('ArrowRight')
  await expect(library.page.getByTestId('viewer-position')).toHaveText('2 of 128')
  await expect(library.page.getByTestId('viewer-title')).not.toHaveText(firstTitle ?? '')
  await expect(metadata.getByTestId('meta-path')).not.toHaveText(path)

  await library.page.keyboard.press('Escape')
  await expect(library.viewer).toBeHidden()
  await expect(library.tile(1)).toHaveClass(/is-cursor/)
})

test('dropping files in a browser explains that it needs the desktop app and offers the dialog', async ({ library }) => {
  await library.page.evaluate(() => {
    const data = new DataTransfer()
    data.items.add(new File(['x'], 'photo.jpg', { type: 'image/jpeg' }))
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    }
  })
  const notice = library.page.getByTestId('toast').filter({ hasText: 'desktop app' })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: 'Open import dialog' }).click()
  await expect(library.page.getByTestId('import-dialog')).toBeVisible()
})

test('files that fail to import are listed under the finished job, which can be dismissed', async ({ library }) => {
  const missing = join(SHARED_DATA, 'no-such-folder')
  const result = await library.importAndWait(missing)
  await expect(result).toHaveAttribute('data-failed', '1')

  await result.getByTestId('job-failed-toggle').click()
  await expect(result.getByTestId('job-failed-list')).toContainText(missing)

  await library.jobRows.first().getByTestId('job-dismiss').click()
  await expect(library.page.getByTestId('job-bar')).toBeHidden()
})

test('an API error appears as a dismissible toast, not a blank screen', async ({ library }) => {
  await library.importAndWait(COCO_IMAGES)
  await library.tile(0).click()
  await library.page.keyboard.press('l')
  // Longer than the 200 characters a label may have: the services refuse it.
  const input = library.page.getByTestId('label-input')
  await input.fill('x'.repeat(201))
  await input.press('Enter')

  const toast = library.page.locator('[data-testid="toast"][data-kind="error"]')
  await expect(toast).toBeVisible()
  await expect(toast).toContainText('bad_request')
  await toast.getByTestId('toast-dismiss').click()
  await expect(toast).toBeHidden()
  await expect(library.tile(0)).toBeVisible()
})
