import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import sharp from 'sharp'
import playwrightConfig from '../playwright.config'
import { startHost, type Host } from '../src/main/doors/host/server'
import type { JobSummary } from '../src/shared/api/schemas'
import { result, round, seededRandom, summarise, type BenchResult } from './stats'
import { benchMaskStrokes } from './mask-ui'
import { ensureImageSet, synthesise } from './synthetic-images'

/**
 * The annotation workspace as a person uses it: the built renderer in Chromium against the real Node host.
 *
 * - Image switch: from pressing D to the next image drawn on the canvas with its boxes (the canvas marks that with
 *   data-rendered-image-id once Konva has drawn the frame). Once with a pause on each image, as when labelling,
 *   which gives prefetching its chance; once holding D down, where it cannot keep far ahead.
 * - Canvas frames: 500 boxes on a 4000×3000 image, fitted (the most expensive view: every box and the whole
 *   image on screen), panned and wheel-zoomed by script for a few seconds; requestAnimationFrame intervals.
 * - Full redraw: the stage drawn synchronously, the cost behind each of those frames.
 * - The mask brush on the same image (mask-ui.ts).
 *
 * Needs the built renderer (npm run build).
 */
export interface AnnotationBenchSizes {
  switches: number
  /** How long each scripted pan and zoom runs. */
  gestureMs: number
}

export const RENDERER_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)), 'out', 'renderer')
const SWITCH_IMAGE = { width: 1600, height: 1200, quality: 90 }
const BIG_IMAGE = { width: 4000, height: 3000 }
const BOXES_ON_BIG_IMAGE = 500
const BOXES_PER_IMAGE = 6
const CLASSES = ['car', 'person', 'bicycle', 'dog', 'traffic light', 'bus']
/** Time spent looking at each image before pressing D, in the "labelling" switch run. */
const DWELL_MS = 400
const REDRAWS = 30

export function rendererBuilt(): boolean {
  return existsSync(join(RENDERER_DIR, 'index.html'))
}

export async function benchAnnotationUi(sizes: AnnotationBenchSizes, log: (line: string) => void): Promise<BenchResult[]> {
  if (!rendererBuilt()) throw new Error('The annotation benchmark needs the built renderer: run npm run build first.')
  const images = await ensureImageSet({ count: sizes.switches * 2 + 2, ...SWITCH_IMAGE }, log)
  const bigDir = await mkdtemp(join(tmpdir(), 'loupe-bench-big-'))
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-annotate-'))
  let host: Host | undefined
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? { executablePath: '/usr/bin/chromium' })
  try {
    await mkdir(bigDir, { recursive: true })
    await sharp(synthesise(7, BIG_IMAGE.width, BIG_IMAGE.height), { raw: { ...BIG_IMAGE, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(join(bigDir, 'big-4000x3000.jpg'))

    host = await startHost({ workspaceDir, port: 0, rendererDir: RENDERER_DIR })
    log(`annotate: importing ${images.count} + 1 images into ${workspaceDir}`)
    await importFolder(host, images.dir)
    await importFolder(host, bigDir)
    const ids = await imageIds(host)
    const bigId = ids.at(-1)!
    log(`  adding ${BOXES_PER_IMAGE} boxes to each image and ${BOXES_ON_BIG_IMAGE} to the big one`)
    const random = seededRandom(42)
    for (const id of ids.slice(0, -1)) await addBoxes(host, id, BOXES_PER_IMAGE, SWITCH_IMAGE, random)
    await addBoxes(host, bigId, BOXES_ON_BIG_IMAGE, BIG_IMAGE, random)

    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1440, height: 900 } })
    // tsx keeps function names with a __name() helper that the functions sent to page.evaluate would call there.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    await page.goto(host.url)
    if ((await host.loupe.client.api.models.list({})).length === 0) await page.getByTestId('first-run-model-later').click()
    await page.locator('[data-testid="tile"][data-index="0"]').dblclick()
    await renderedImage(page, ids[0]!)

    log(`  switching images: ${sizes.switches} with a ${DWELL_MS} ms pause, ${sizes.switches} back to back`)
    const paced: number[] = []
    for (let i = 0; i < sizes.switches; i++) {
      await page.waitForTimeout(DWELL_MS)
      paced.push(await timeNextImage(page))
    }
    const rapid: number[] = []
    for (let i = 0; i < sizes.switches; i++) rapid.push(await timeNextImage(page))

    log('  500 boxes on 4000×3000: pan, zoom, redraw')
    await page.keyboard.press('Escape')
    await page.getByTestId('viewer').waitFor({ state: 'hidden' })
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await renderedImage(page, bigId)
    await page.waitForTimeout(300)
    const boxCount = Number(await page.getByTestId('annotate-canvas').getAttribute('data-box-count'))
    if (boxCount !== BOXES_ON_BIG_IMAGE) throw new Error(`expected ${BOXES_ON_BIG_IMAGE} boxes on the canvas, found ${boxCount}`)
    const pan = await page.evaluate(scriptedGesture, { kind: 'pan' as const, durationMs: sizes.gestureMs })
    await page.keyboard.press('f')
    const zoom = await page.evaluate(scriptedGesture, { kind: 'zoom' as const, durationMs: sizes.gestureMs })
    await page.keyboard.press('f')
    await page.waitForTimeout(100)
    const redraws = await page.evaluate(timeRedraws, REDRAWS)
    log('  the mask brush on 4000×3000')
    const strokes = await benchMaskStrokes(page, sizes.gestureMs, { image: `${BIG_IMAGE.width}×${BIG_IMAGE.height}`, boxes: BOXES_ON_BIG_IMAGE, view: 'fitted' })

    const switchDetails = { image: `${SWITCH_IMAGE.width}×${SWITCH_IMAGE.height} JPEG`, boxesPerImage: BOXES_PER_IMAGE }
    const canvasDetails = { image: `${BIG_IMAGE.width}×${BIG_IMAGE.height}`, boxes: BOXES_ON_BIG_IMAGE, view: 'fitted', gestureMs: sizes.gestureMs }
    return [
      result(
        { id: 'annotate.switch.paced', name: `image switch, D → drawn with boxes (${DWELL_MS} ms on each image)`, unit: 'ms', details: { ...switchDetails, dwellMs: DWELL_MS } },
        paced,
      ),
      result({ id: 'annotate.switch.rapid', name: 'image switch, D → drawn with boxes (back to back)', unit: 'ms', details: switchDetails }, rapid),
      result({ id: 'annotate.frame.pan', name: 'canvas frame interval, panning 500 boxes on 4000×3000', unit: 'ms', details: canvasDetails }, pan),
      result({ id: 'annotate.frame.zoom', name: 'canvas frame interval, wheel-zooming 500 boxes on 4000×3000', unit: 'ms', details: canvasDetails }, zoom),
      result(
        {
          id: 'annotate.redraw',
          name: 'canvas full redraw, 500 boxes on 4000×3000 (fitted)',
          unit: 'ms',
          details: { ...canvasDetails, medianMsPerLayer: Object.fromEntries(['image', 'boxes', 'overlay'].map((name, i) => [name, median(redraws.layers[i] ?? [])])) },
        },
        redraws.total,
      ),
      ...strokes,
    ]
  } finally {
    await browser.close()
    await host?.close()
    await rm(workspaceDir, { recursive: true, force: true })
    await rm(bigDir, { recursive: true, force: true })
  }
}

const median = (samples: number[]) => (samples.length ? round(summarise(samples).median, 2) : null)

export async function importFolder(host: Host, dir: string): Promise<void> {
  const reply = await host.loupe.dispatcher.invoke('imports.start', { paths: [dir] })
  if (!reply.ok) throw new Error(`imports.start failed: ${reply.error.message}`)
  const job: JobSummary = await host.loupe.jobs.settled((reply.value as { id: number }).id)
  if (job.state !== 'completed') throw new Error(`import of ${dir} ended ${job.state}: ${job.error ?? ''}`)
}

/** Image ids in the library's default order (date added), the order the workspace steps through. */
export async function imageIds(host: Host): Promise<number[]> {
  const reply = await host.loupe.dispatcher.invoke('catalog.listImages', { limit: 1000 })
  if (!reply.ok) throw new Error(reply.error.message)
  return (reply.value as { items: { id: number }[] }).items.map((item) => item.id)
}

export async function addBoxes(host: Host, imageId: number, count: number, size: { width: number; height: number }, random: () => number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const width = 20 + random() * size.width * 0.12
    const height = 20 + random() * size.height * 0.12
    const reply = await host.loupe.dispatcher.invoke('annotations.addBox', {
      imageId,
      label: CLASSES[i % CLASSES.length]!,
      x: Math.round(random() * (size.width - width)),
      y: Math.round(random() * (size.height - height)),
      width: Math.round(width),
      height: Math.round(height),
    })
    if (!reply.ok) throw new Error(`annotations.addBox failed: ${reply.error.message}`)
  }
}

export async function renderedImage(page: Page, imageId: number): Promise<void> {
  await page.locator(`[data-testid="annotate-canvas"][data-rendered-image-id="${imageId}"]`).waitFor({ timeout: 30_000 })
}

/** Presses D inside the page and times, with the page's own clock, until the canvas reports the next image drawn. */
function timeNextImage(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const canvas = () => document.querySelector<HTMLElement>('[data-testid="annotate-canvas"]')
        const before = canvas()?.dataset.renderedImageId
        const timeout = setTimeout(() => reject(new Error('the next image was not drawn within 20 s')), 20_000)
        const observer = new MutationObserver(() => {
          const now = canvas()?.dataset.renderedImageId
          if (!now || now === before) return
          observer.disconnect()
          clearTimeout(timeout)
          resolve(performance.now() - started)
        })
        observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-rendered-image-id'] })
        const started = performance.now()
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', code: 'KeyD', bubbles: true }))
        window.dispatchEvent(new KeyboardEvent('keyup', { key: 'd', code: 'KeyD', bubbles: true }))
      }),
  )
}

/**
 * Runs in the page: a middle-button pan in circles, or wheel zooming in and out around a moving point, one input
 * event per frame, recording the intervals between animation frames.
 */
export function scriptedGesture({ kind, durationMs }: { kind: 'pan' | 'zoom'; durationMs: number }): Promise<number[]> {
  const canvas = document.querySelector<HTMLElement>('[data-testid="annotate-canvas"]')!
  const bounds = canvas.getBoundingClientRect()
  const cx = bounds.left + bounds.width / 2
  const cy = bounds.top + bounds.height / 2
  const pointer = (type: string, x: number, y: number) =>
    canvas.dispatchEvent(new PointerEvent(type, { pointerId: 7, button: 1, buttons: 4, clientX: x, clientY: y, bubbles: true }))
  if (kind === 'pan') pointer('pointerdown', cx, cy)
  const intervals: number[] = []
  return new Promise((resolve) => {
    let start = 0
    let last = 0
    const frame = (now: number) => {
      if (start === 0) start = now
      else intervals.push(now - last)
      last = now
      const t = (now - start) / 1000
      if (kind === 'pan') {
        pointer('pointermove', cx + Math.sin(t * 3) * 220, cy + Math.cos(t * 3) * 160)
      } else {
        // In for half a second, out for half a second, around a point circling the middle.
        const deltaY = Math.floor(t * 2) % 2 === 0 ? -60 : 60
        canvas.dispatchEvent(
          new WheelEvent('wheel', { deltaY, clientX: cx + Math.sin(t) * 150, clientY: cy + Math.cos(t) * 100, bubbles: true, cancelable: true }),
        )
      }
      if (now - start < durationMs) requestAnimationFrame(frame)
      else {
        if (kind === 'pan') pointer('pointerup', cx, cy)
        resolve(intervals)
      }
    }
    requestAnimationFrame(frame)
  })
}

/**
 * Runs in the page: the Konva stage (image, boxes, overlay) drawn synchronously, `runs` times, and each layer on its
 * own. Reading a pixel back from a layer makes Chromium rasterise the drawing now rather than at the next paint, so
 * that is counted too.
 */
export function timeRedraws(runs: number): { total: number[]; layers: number[][] } {
  interface Layer {
    draw(): void
    getContext(): { getImageData(x: number, y: number, w: number, h: number): unknown }
  }
  const konva = (window as unknown as { Konva: { stages: { draw(): void; getLayers(): Layer[] }[] } }).Konva
  const stage = konva.stages[0]
  if (!stage) throw new Error('no Konva stage on the page')
  const layers = stage.getLayers()
  const flush = (layer: Layer) => layer.getContext().getImageData(0, 0, 1, 1)
  const time = (work: () => void) => {
    const started = performance.now()
    work()
    return performance.now() - started
  }
  const total: number[] = []
  const perLayer: number[][] = layers.map(() => [])
  for (let i = 0; i <= runs; i++) {
    const whole = time(() => {
      stage.draw()
      layers.forEach(flush)
    })
    const parts = layers.map((layer) =>
      time(() => {
        layer.draw()
        flush(layer)
      }),
    )
    // The first round warms caches and is not counted.
    if (i === 0) continue
    total.push(whole)
    parts.forEach((ms, index) => perLayer[index]!.push(ms))
  }
  return { total, layers: perLayer }
}
