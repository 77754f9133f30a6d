import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import type { ImageAnnotations } from '../../src/shared/api/schemas'
import { expect, test } from './fixtures'
import type { LibraryPage } from './libraryPage'

const WIDTH = 1600
const HEIGHT = 1200

interface BoxData {
  id: number
  label: string
  x: number
  y: number
  w: number
  h: number
}

/** Photo-ish test images: a gradient with a few shapes, different per image so each is its own content hash. */
async function makeImages(dir: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="hsl(${i * 97} 45% 35%)"/><stop offset="1" stop-color="hsl(${i * 97 + 60} 40% 60%)"/>
      </linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${400 + i * 200}" cy="500" r="180" fill="hsl(${i * 50} 70% 50%)"/>
      <rect x="900" y="${300 + i * 80}" width="420" height="300" fill="hsl(${200 - i * 40} 60% 45%)"/>
    </svg>`
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(join(dir, `frame-${String(i + 1).padStart(2, '0')}.jpg`))
  }
}

/** The annotation workspace, driven by the data attributes the canvas and panels expose. */
class Workspace {
  readonly canvas: Locator
  readonly boxes: Locator

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('annotate-canvas')
    this.boxes = page.getByTestId('box-item')
  }

  /** Waits until image `position` (1-based, "n of total") is drawn with its boxes. */
  async shown(position: number, total: number): Promise<void> {
    await expect(this.page.getByTestId('viewer-position')).toHaveText(`${position} of ${total}`)
    const imageId = await this.canvas.getAttribute('data-image-id')
    await expect(this.canvas).toHaveAttribute('data-rendered-image-id', imageId ?? '')
  }

  async imageId(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-image-id'))
  }

  async scale(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-scale'))
  }

  /** Page coordinates of an image pixel position, through the transform the canvas publishes. */
  async toPage(x: number, y: number): Promise<{ x: number; y: number }> {
    const bounds = await this.canvas.boundingBox()
    if (!bounds) throw new Error('the canvas is not on screen')
    const [scale, offsetX, offsetY] = await Promise.all(
      ['data-scale', 'data-offset-x', 'data-offset-y'].map(async (name) => Number(await this.canvas.getAttribute(name))),
    )
    return { x: bounds.x + offsetX! + x * scale!, y: bounds.y + offsetY! + y * scale! }
  }

  /** A mouse drag between two image positions, in small steps like a hand would. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    const start = await this.toPage(from.x, from.y)
    const end = await this.toPage(to.x, to.y)
    await this.page.mouse.move(start.x, start.y)
    await this.page.mouse.down()
    await this.page.mouse.move(end.x, end.y, { steps: 8 })
    await this.page.mouse.up()
  }

  async boxData(): Promise<BoxData[]> {
    return this.boxes.evaluateAll((rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset
        return { id: Number(data.boxId), label: data.label ?? '', x: Number(data.x), y: Number(data.y), w: Number(data.w), h: Number(data.h) }
      }),
    )
  }

  /** Waits for the only box to be saved and match `expected` to within `tolerance` image pixels. */
  async expectOneBox(expected: Partial<Omit<BoxData, 'id'>>, tolerance: number): Promise<BoxData> {
    await expect(this.boxes).toHaveCount(1)
    await expect(this.boxes.first()).toHaveAttribute('data-saved', 'true')
    let box: BoxData | undefined
    await expect
      .poll(async () => {
        box = (await this.boxData())[0]
        if (!box) return 'no box'
        for (const [key, value] of Object.entries(expected)) {
          const actual = box[key as keyof BoxData]
          const close = typeof value === 'number' ? Math.abs((actual as number) - value) <= tolerance : actual === value
          if (!close) return `${key} is ${actual}, expected ${value} ± ${tolerance}`
        }
        return 'ok'
      })
      .toBe('ok')
    return box!
  }

  labelItem(name: string): Locator {
    return this.page.locator(`[data-testid="label-item"][data-label="${name}"]`)
  }

  async createLabel(name: string): Promise<void> {
    const input = this.page.getByTestId('label-new-name')
    await input.fill(name)
    await input.press('Enter')
    await expect(this.labelItem(name)).toBeVisible()
    // Hand the keyboard back to the workspace.
    await input.blur()
  }

  /** Calls the host's API directly, over the page's own connection credentials, to check what was really saved. */
  async api<T>(channel: string, payload: unknown): Promise<T> {
    return this.page.evaluate(
      async ({ channel, payload }) => {
        const token = sessionStorage.getItem('loupe.accessToken') ?? ''
        const socket = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(token)}`)
        await new Promise((resolve, reject) => {
          socket.onopen = resolve
          socket.onerror = reject
        })
        const reply = await new Promise<{ envelope: { ok: boolean; value?: unknown; error?: unknown } }>((resolve) => {
          socket.onmessage = (message) => {
            const frame = JSON.parse(String(message.data)) as { type: string; id: number }
            if (frame.type === 'reply' && frame.id === 1) resolve(frame as never)
          }
          socket.send(JSON.stringify({ type: 'call', id: 1, channel, payload }))
        })
        socket.close()
        if (!reply.envelope.ok) throw new Error(JSON.stringify(reply.envelope.error))
        return reply.envelope.value
      },
      { channel, payload },
    ) as Promise<T>
  }
}

async function openFirstImage(library: LibraryPage, images: number): Promise<Workspace> {
  await library.tile(0).dblclick()
  const workspace = new Workspace(library.page)
  await workspace.shown(1, images)
  return workspace
}

let imagesDir = ''

test.beforeAll(async () => {
  imagesDir = await mkdtemp(join(tmpdir(), 'loupe-e2e-annotate-'))
  await makeImages(imagesDir, 3)
})

test.afterAll(async () => {
  await rm(imagesDir, { recursive: true, force: true })
})

test('draw, move, resize, relabel by hotkey, undo/redo; boxes survive navigation and a reload exactly', async ({ library }) => {
  await library.importAndWait(imagesDir)
  await library.page.getByTestId('sort-field').selectOption('name')
  const workspace = await openFirstImage(library, 3)
  const page = library.page
  const firstId = await workspace.imageId()

  // Two labels; each takes the next free hotkey, and one is then moved to another key.
  await workspace.createLabel('car')
  await workspace.createLabel('person')
  await expect(workspace.labelItem('car')).toHaveAttribute('data-hotkey', '1')
  await expect(workspace.labelItem('person')).toHaveAttribute('data-hotkey', '2')
  await workspace.labelItem('person').getByTestId('label-hotkey').selectOption('5')
  await expect(workspace.labelItem('person')).toHaveAttribute('data-hotkey', '5')
  // The first label created is the one new boxes get until another is chosen.
  await expect(page.getByTestId('current-label')).toHaveAttribute('data-label', 'car')

  const scale = await workspace.scale()
  expect(scale).toBeGreaterThan(0.3)
  expect(scale).toBeLessThan(1)
  // One screen pixel is 1/scale image pixels: the precision a mouse has at this zoom.
  const tolerance = 1 / scale + 0.5

  // Draw on empty image (select mode draws there too).
  await workspace.drag({ x: 200, y: 150 }, { x: 600, y: 450 })
  const drawn = await workspace.expectOneBox({ label: 'car', x: 200, y: 150, w: 400, h: 300 }, tolerance)
  await expect(workspace.boxes.first()).toHaveAttribute('data-selected', 'true')

  // Move it by dragging its inside: the size stays exactly the same.
  await workspace.drag({ x: 400, y: 300 }, { x: 500, y: 350 })
  const moved = await workspace.expectOneBox({ x: drawn.x + 100, y: drawn.y + 50 }, tolerance)
  expect(moved.w).toBe(drawn.w)
  expect(moved.h).toBe(drawn.h)
  expect(moved.id).toBe(drawn.id)

  // Resize by the bottom-right handle: the top-left corner stays put.
  await workspace.drag({ x: moved.x + moved.w, y: moved.y + moved.h }, { x: moved.x + 500, y: moved.y + 400 })
  const resized = await workspace.expectOneBox({ x: moved.x, y: moved.y, w: 500, h: 400 }, tolerance)
  expect(resized.x).toBe(moved.x)
  expect(resized.y).toBe(moved.y)

  // The hotkey relabels the selected box and becomes the label for the next one.
  await page.keyboard.press('5')
  await workspace.expectOneBox({ label: 'person' }, 0)
  await expect(page.getByTestId('current-label')).toHaveAttribute('data-label', 'person')
  await expect(workspace.labelItem('person')).toHaveAttribute('data-here', '1')

  // Undo and redo go through the services, step by step.
  await page.keyboard.press('ControlOrMeta+z')
  await workspace.expectOneBox({ label: 'car' }, 0)
  await page.keyboard.press('ControlOrMeta+z')
  await workspace.expectOneBox({ w: moved.w, h: moved.h }, 0)
  await page.keyboard.press('ControlOrMeta+Shift+z')
  await workspace.expectOneBox({ w: resized.w, h: resized.h, label: 'car' }, 0)
  await page.keyboard.press('ControlOrMeta+y')
  const final = await workspace.expectOneBox({ label: 'person', x: resized.x, y: resized.y, w: resized.w, h: resized.h }, 0)

  // D and A step through the library's order; the box is there on coming back.
  await page.keyboard.press('d')
  await workspace.shown(2, 3)
  await expect(workspace.boxes).toHaveCount(0)
  await page.keyboard.press('ArrowRight')
  await workspace.shown(3, 3)
  await page.keyboard.press('a')
  await workspace.shown(2, 3)
  await page.keyboard.press('a')
  await workspace.shown(1, 3)
  expect(await workspace.boxData()).toEqual([final])

  // After a reload, what the services kept is exactly what was shown.
  await page.reload()
  await library.ready()
  await page.getByTestId('sort-field').selectOption('name')
  const again = await openFirstImage(library, 3)
  expect(await again.imageId()).toBe(firstId)
  await expect(again.boxes).toHaveCount(1)
  expect(await again.boxData()).toEqual([final])
  const saved = await again.api<ImageAnnotations>('annotations.get', { imageId: firstId })
  expect(saved.boxes).toEqual([{ id: final.id, label: 'person', x: final.x, y: final.y, width: final.w, height: final.h }])
  expect(saved.canUndo).toBe(true)
  // Undo history is kept by the services, so it survives the reload too.
  await expect(page.getByTestId('undo')).toBeEnabled()
})

test('Space marks reviewed and moves on, ? shows every key, tiny drags draw nothing, C copies the previous boxes', async ({ library }) => {
  await library.importAndWait(imagesDir)
  await library.page.getByTestId('sort-field').selectOption('name')
  const workspace = await openFirstImage(library, 3)
  const page = library.page
  const firstId = await workspace.imageId()

  // A drag of a couple of screen pixels is a click, not a box. A box drawn is listed the moment the pointer is let
  // go, before it is saved, so there is nothing to wait for here; that it was not sent either is checked below, once
  // later boxes are saved.
  await workspace.drag({ x: 300, y: 300 }, { x: 302, y: 301 })
  await expect(workspace.boxes).toHaveCount(0)

  // Help lists every shortcut, and goes away with ? or Esc.
  await page.keyboard.press('?')
  const help = page.getByTestId('help-overlay')
  await expect(help).toBeVisible()
  for (const key of ['D', 'A', 'W', 'Space', 'Del', 'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y', 'C', 'F', 'Z', '?']) {
    await expect(help.locator('kbd', { hasText: new RegExp(`^${key.replace(/[+?]/g, '\\$&')}$`) })).toHaveCount(1)
  }
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
  // Esc closed only the help, not the workspace.
  await expect(page.getByTestId('viewer')).toBeVisible()

  // Draw mode (W) draws even from inside an existing box; boxes get no label while none exists.
  await page.keyboard.press('w')
  await expect(workspace.canvas).toHaveAttribute('data-mode', 'draw')
  await workspace.drag({ x: 100, y: 100 }, { x: 500, y: 400 })
  await expect(workspace.boxes).toHaveCount(1)
  await workspace.drag({ x: 200, y: 200 }, { x: 300, y: 300 })
  await expect(workspace.boxes).toHaveCount(2)
  await expect(workspace.boxes.nth(1)).toHaveAttribute('data-saved', 'true')
  // The services answer in order: with these two saved, a box sent by the tiny drag would have been answered too,
  // and shown here or refused with an error.
  await expect(workspace.boxes).toHaveCount(2)
  await expect(page.locator('[data-testid="toast"][data-kind="error"]')).toHaveCount(0)
  await expect(workspace.boxes.first()).toHaveAttribute('data-label', '')
  await page.keyboard.press('Escape') // deselects
  await page.keyboard.press('Escape') // leaves draw mode
  await expect(workspace.canvas).toHaveAttribute('data-mode', 'select')

  // Del deletes the selected box (picked from the list); undo brings it back.
  await workspace.boxes.nth(1).click()
  await expect(workspace.boxes.nth(1)).toHaveAttribute('data-selected', 'true')
  await page.keyboard.press('Delete')
  await expect(workspace.boxes).toHaveCount(1)
  await page.keyboard.press('ControlOrMeta+z')
  await expect(workspace.boxes).toHaveCount(2)

  // Holding Space and dragging pans, and does not count as a Space tap; so does a middle-button drag.
  const offset = async () => [await workspace.canvas.getAttribute('data-offset-x'), await workspace.canvas.getAttribute('data-offset-y')]
  const before = await offset()
  const centre = await workspace.toPage(800, 900)
  await page.mouse.move(centre.x, centre.y)
  await page.keyboard.down('Space')
  await page.mouse.down()
  await page.mouse.move(centre.x - 150, centre.y - 80, { steps: 5 })
  await page.mouse.up()
  await page.keyboard.up('Space')
  await expect.poll(offset).not.toEqual(before)
  const afterSpacePan = await offset()
  await page.mouse.down({ button: 'middle' })
  await page.mouse.move(centre.x + 50, centre.y + 50, { steps: 5 })
  await page.mouse.up({ button: 'middle' })
  await expect.poll(offset).not.toEqual(afterSpacePan)
  await expect(page.getByTestId('viewer-position')).toHaveText('1 of 3')
  await expect(page.getByTestId('annotate-status')).not.toHaveAttribute('data-status', 'reviewed')
  await expect(workspace.boxes).toHaveCount(2)

  // Space: reviewed, and on to the next image.
  await page.keyboard.press('Space')
  await workspace.shown(2, 3)
  const first = await workspace.api<ImageAnnotations>('annotations.get', { imageId: firstId })
  expect(first.status).toBe('reviewed')
  await expect(page.getByTestId('annotate-status')).toHaveAttribute('data-status', 'unlabelled')

  // C copies the previous image's boxes onto this one.
  await page.keyboard.press('c')
  await expect(workspace.boxes).toHaveCount(2)
  const copied = await workspace.boxData()
  expect(copied.map(({ x, y, w, h }) => [x, y, w, h])).toEqual(first.boxes.map((b) => [b.x, b.y, b.width, b.height]))
  await expect(page.getByTestId('annotate-status')).toHaveAttribute('data-status', 'in_progress')
})

test('a box the services refuse (too small after resizing) is rolled back with a toast', async ({ library }) => {
  await library.importAndWait(imagesDir)
  const workspace = await openFirstImage(library, 3)
  const page = library.page

  await workspace.drag({ x: 700, y: 500 }, { x: 900, y: 650 })
  const box = await workspace.expectOneBox({}, 0)
  // At 1:1 a screen pixel is an image pixel: drag the right edge to 1 px from the left one.
  await page.keyboard.press('z')
  await expect(workspace.canvas).toHaveAttribute('data-scale', '1')
  await workspace.drag({ x: box.x + box.w, y: box.y + box.h / 2 }, { x: box.x + 1, y: box.y + box.h / 2 })

  const toast = page.locator('[data-testid="toast"][data-kind="error"]')
  await expect(toast).toBeVisible()
  await expect(toast).toContainText('bad_request')
  // The box is back as it was, and the canvas still works.
  expect(await workspace.expectOneBox({ x: box.x, w: box.w }, 0)).toEqual(box)
  await expect(workspace.canvas).toHaveAttribute('data-rendered-image-id', String(await workspace.imageId()))
  await workspace.drag({ x: 1000, y: 700 }, { x: 1100, y: 800 })
  await expect(workspace.boxes).toHaveCount(2)
})

test('labels: rename, recolour, hide, tag, merge and delete, asking before the last two', async ({ library }) => {
  await library.importAndWait(imagesDir)
  const workspace = await openFirstImage(library, 3)
  const page = library.page

  await workspace.createLabel('cat')
  await workspace.createLabel('dog')
  await workspace.drag({ x: 100, y: 100 }, { x: 400, y: 400 }) // cat, the current label
  await expect(workspace.boxes.first()).toHaveAttribute('data-saved', 'true')
  await page.keyboard.press('Escape') // deselect, so the hotkey only picks the label for the next box
  await page.keyboard.press('2') // now dog
  await workspace.drag({ x: 600, y: 200 }, { x: 900, y: 500 })
  await expect(workspace.boxes.nth(1)).toHaveAttribute('data-label', 'dog')
  await expect(workspace.boxes.nth(1)).toHaveAttribute('data-saved', 'true')
  await expect(workspace.labelItem('cat')).toHaveAttribute('data-box-count', '1')

  // Rename.
  await workspace.labelItem('cat').getByTestId('label-menu').click()
  await page.getByTestId('label-rename').click()
  const rename = page.getByTestId('label-rename-input')
  await rename.fill('kitten')
  await rename.press('Enter')
  await expect(workspace.labelItem('kitten')).toBeVisible()
  await expect(workspace.boxes.first()).toHaveAttribute('data-label', 'kitten')

  // Recolour.
  await workspace.labelItem('kitten').getByTestId('label-color').click()
  await page.locator('[data-testid="color-option"][data-color="#e5534b"]').click()
  await expect(workspace.labelItem('kitten')).toHaveAttribute('data-color', '#e5534b')

  // Hiding a label takes its boxes off the canvas but not out of the list.
  await workspace.labelItem('dog').getByTestId('label-visibility').click()
  await expect(workspace.canvas).toHaveAttribute('data-box-count', '1')
  await workspace.labelItem('dog').getByTestId('label-visibility').click()
  await expect(workspace.canvas).toHaveAttribute('data-box-count', '2')

  // Image-level tags toggle.
  await page.locator('[data-testid="tag-toggle"][data-label="dog"]').click()
  await expect(page.getByTestId('image-tags')).toHaveAttribute('data-tags', 'dog')

  // Merge asks, saying what will change; cancelling changes nothing.
  await workspace.labelItem('kitten').getByTestId('label-menu').click()
  await page.getByTestId('label-merge').click()
  await page.locator('[data-testid="merge-target"][data-label="dog"]').click()
  const confirm = page.getByTestId('confirm-dialog')
  await expect(confirm).toContainText('1 box')
  await page.getByTestId('confirm-cancel').click()
  await expect(confirm).toBeHidden()
  await expect(workspace.labelItem('kitten')).toBeVisible()

  await workspace.labelItem('kitten').getByTestId('label-menu').click()
  await page.getByTestId('label-merge').click()
  await page.locator('[data-testid="merge-target"][data-label="dog"]').click()
  await page.getByTestId('confirm-accept').click()
  await expect(workspace.labelItem('kitten')).toHaveCount(0)
  await expect(workspace.labelItem('dog')).toHaveAttribute('data-box-count', '2')
  await expect(workspace.boxes.first()).toHaveAttribute('data-label', 'dog')

  // Delete asks too, and takes the label's boxes with it.
  await workspace.labelItem('dog').getByTestId('label-menu').click()
  await page.getByTestId('label-delete').click()
  await expect(confirm).toContainText('2 boxes will be deleted')
  await page.getByTestId('confirm-accept').click()
  await expect(workspace.labelItem('dog')).toHaveCount(0)
  await expect(workspace.boxes).toHaveCount(0)
})

test('labelling under a status filter keeps the image on screen, and D goes to the next one still in the filter', async ({ library }) => {
  await library.importAndWait(imagesDir)
  const page = library.page
  await page.getByTestId('sort-field').selectOption('name')
  await library.sidebarStatus('unlabelled').click()
  await library.expectGridCount(3)
  const workspace = await openFirstImage(library, 3)
  const ids = (await workspace.api<{ items: { id: number }[] }>('catalog.listImages', { sort: 'name' })).items.map((item) => item.id)
  expect(await workspace.imageId()).toBe(ids[0])

  // Drawing makes the image "in progress": it leaves the Unlabelled list, but stays in front of the person.
  await workspace.drag({ x: 300, y: 300 }, { x: 600, y: 500 })
  await expect(workspace.boxes.first()).toHaveAttribute('data-saved', 'true')
  await expect(page.getByTestId('viewer-position')).toHaveText('1 of 2')
  expect(await workspace.imageId()).toBe(ids[0])

  // The next image is the one that took its place, then the one after; A goes back to what is before.
  await page.keyboard.press('d')
  await expect(workspace.canvas).toHaveAttribute('data-rendered-image-id', String(ids[1]))
  await page.keyboard.press('d')
  await expect(workspace.canvas).toHaveAttribute('data-rendered-image-id', String(ids[2]))
  await page.keyboard.press('a')
  await expect(workspace.canvas).toHaveAttribute('data-rendered-image-id', String(ids[1]))
})
