import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import sharp from 'sharp'
import playwrightConfig from '../playwright.config'
import { startHost, type Host } from '../src/main/doors/host/server'
import { rleFromBitmap } from '../src/shared/shapes/bitmap'
import { addBoxes, imageIds, importFolder, RENDERER_DIR, rendererBuilt, renderedImage, scriptedGesture, timeRedraws } from './annotation-ui'
import { result, round, seededRandom, summarise, type BenchResult } from './stats'
import { synthesise } from './synthetic-images'

/**
 * Objects drawn as their shapes on the annotation canvas, in Chromium against the real Node host: a 4000×3000 image
 * with 200 star-shaped 50-point polygons, the same with 20 masks as well, and, for comparison in the same run,
 * one with 200 boxes. Each is panned and wheel-zoomed by script (requestAnimationFrame intervals: 16.7 ms is 60 fps)
 * and redrawn in full synchronously, fitted (every object on screen).
 *
 * Needs the built renderer (npx electron-vite build).
 */
export interface ShapesUiSizes {
  gestureMs: number
  redraws: number
}

const IMAGE = { width: 4000, height: 3000 }
const OBJECTS = 200
const POINTS = 50
const MASKS = 20
const CLASSES = ['car', 'person', 'bicycle', 'dog', 'traffic light', 'bus']

interface Case {
  id: string
  name: string
  seed: number
  add(host: Host, imageId: number, random: () => number): Promise<void>
}

const CASES: Case[] = [
  { id: 'boxes', name: `${OBJECTS} boxes`, seed: 21, add: (host, imageId, random) => addBoxes(host, imageId, OBJECTS, IMAGE, random) },
  { id: 'polygons', name: `${OBJECTS} polygons of ${POINTS} points`, seed: 22, add: (host, imageId, random) => addPolygons(host, imageId, random) },
  {
    id: 'polygons-masks',
    name: `${OBJECTS} polygons of ${POINTS} points and ${MASKS} masks`,
    seed: 23,
    add: async (host, imageId, random) => {
      await addPolygons(host, imageId, random)
      await addMasks(host, imageId, random)
    },
  },
]

export async function benchShapesUi(sizes: ShapesUiSizes, log: (line: string) => void): Promise<BenchResult[]> {
  if (!rendererBuilt()) throw new Error('The shapes benchmark needs the built renderer: run npx electron-vite build first.')
  const imagesDir = await mkdtemp(join(tmpdir(), 'loupe-bench-shapes-images-'))
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-shapes-'))
  let host: Host | undefined
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? { executablePath: '/usr/bin/chromium' })
  try {
    host = await startHost({ workspaceDir, port: 0, rendererDir: RENDERER_DIR })
    const random = seededRandom(18)
    const imageOf = new Map<string, number>()
    for (const shown of CASES) {
      const dir = join(imagesDir, shown.id)
      await mkdir(dir)
      await sharp(synthesise(shown.seed, IMAGE.width, IMAGE.height), { raw: { ...IMAGE, channels: 3 } })
        .jpeg({ quality: 90 })
        .toFile(join(dir, `${shown.id}.jpg`))
      await importFolder(host, dir)
      const imageId = (await imageIds(host)).at(-1)!
      log(`shapes-ui: ${shown.name} on a ${IMAGE.width}×${IMAGE.height} image`)
      await shown.add(host, imageId, random)
      imageOf.set(shown.id, imageId)
    }

    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1440, height: 900 } })
    // tsx keeps function names with a __name() helper that the functions sent to page.evaluate would call there.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    await page.goto(host.url)
    if ((await host.loupe.client.api.models.list({})).length === 0) await page.getByTestId('first-run-model-later').click()
    const results: BenchResult[] = []
    for (const shown of CASES) {
      const imageId = imageOf.get(shown.id)!
      await openImage(page, imageId)
      log(`  ${shown.name}: pan, zoom, redraw`)
      const pan = await page.evaluate(scriptedGesture, { kind: 'pan' as const, durationMs: sizes.gestureMs })
      await page.keyboard.press('f')
      const zoom = await page.evaluate(scriptedGesture, { kind: 'zoom' as const, durationMs: sizes.gestureMs })
      await page.keyboard.press('f')
      await page.waitForTimeout(100)
      const redraws = await page.evaluate(timeRedraws, sizes.redraws)
      await page.keyboard.press('Escape')
      await page.getByTestId('viewer').waitFor({ state: 'hidden' })

      const details = { image: `${IMAGE.width}×${IMAGE.height}`, objects: shown.name, gestureMs: sizes.gestureMs }
      const objectsLayer = redraws.layers[1] ?? []
      results.push(
        result({ id: `shapes-ui.${shown.id}.frame.pan`, name: `canvas frame interval, panning ${shown.name}`, unit: 'ms', details }, pan),
        result({ id: `shapes-ui.${shown.id}.frame.zoom`, name: `canvas frame interval, wheel-zooming ${shown.name}`, unit: 'ms', details }, zoom),
        result(
          {
            id: `shapes-ui.${shown.id}.redraw`,
            name: `canvas full redraw, ${shown.name} (fitted)`,
            unit: 'ms',
            details: { ...details, objectsLayerMedianMs: objectsLayer.length ? round(summarise(objectsLayer).median, 2) : null },
          },
          redraws.total,
        ),
      )
    }
    return results
  } finally {
    await browser.close()
    await host?.close()
    await rm(workspaceDir, { recursive: true, force: true })
    await rm(imagesDir, { recursive: true, force: true })
  }
}

async function openImage(page: Page, imageId: number): Promise<void> {
  await page.locator(`[data-testid="tile"][data-image-id="${imageId}"]`).dblclick()
  await renderedImage(page, imageId)
  const count = Number(await page.getByTestId('annotate-canvas').getAttribute('data-box-count'))
  if (count < OBJECTS) throw new Error(`expected at least ${OBJECTS} objects on the canvas, found ${count}`)
  await page.waitForTimeout(300)
}

/** A star-shaped polygon (points at increasing angles around a centre), so it never crosses itself. */
function starPolygon(random: () => number): number[] {
  const radius = 40 + random() * 210
  const cx = radius + random() * (IMAGE.width - 2 * radius)
  const cy = radius + random() * (IMAGE.height - 2 * radius)
  const polygon: number[] = []
  for (let i = 0; i < POINTS; i++) {
    const angle = ((i + random() * 0.8) / POINTS) * 2 * Math.PI
    const reach = radius * (0.45 + 0.55 * random())
    polygon.push(round(cx + Math.cos(angle) * reach, 2), round(cy + Math.sin(angle) * reach, 2))
  }
  return polygon
}

async function addPolygons(host: Host, imageId: number, random: () => number): Promise<void> {
  for (let i = 0; i < OBJECTS; i++) {
    const shape = { kind: 'polygons' as const, polygons: [starPolygon(random)] }
    const reply = await host.loupe.dispatcher.invoke('annotations.addBox', { imageId, label: CLASSES[i % CLASSES.length]!, shape })
    if (!reply.ok) throw new Error(`annotations.addBox (polygon) failed: ${reply.error.message}`)
  }
}

/** Elliptical masks, a few with a hole, made as pixels and sent as RLE as the brush would. */
async function addMasks(host: Host, imageId: number, random: () => number): Promise<void> {
  const bitmap = new Uint8Array(IMAGE.width * IMAGE.height)
  for (let i = 0; i < MASKS; i++) {
    bitmap.fill(0)
    const rx = 60 + random() * 240
    const ry = 60 + random() * 240
    const cx = rx + random() * (IMAGE.width - 2 * rx)
    const cy = ry + random() * (IMAGE.height - 2 * ry)
    const hole = i % 3 === 0 ? 0.4 : 0
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
        if (d <= 1 && d >= hole * hole) bitmap[y * IMAGE.width + x] = 1
      }
    }
    const shape = { kind: 'mask' as const, rle: rleFromBitmap(bitmap, IMAGE.width, IMAGE.height) }
    const reply = await host.loupe.dispatcher.invoke('annotations.addBox', { imageId, label: CLASSES[i % CLASSES.length]!, shape })
    if (!reply.ok) throw new Error(`annotations.addBox (mask) failed: ${reply.error.message}`)
  }
}
