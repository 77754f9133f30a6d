import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import playwrightConfig from '../playwright.config'
import { startHost, type Host } from '../src/main/doors/host/server'
import { RENDERER_DIR, rendererBuilt } from './annotation-ui'
import { result, round, seededRandom, summarise, type BenchResult } from './stats'
import { buildSyntheticCatalog } from './synthetic-catalog'

/**
 * Panning the embedding map in headless Chromium (software WebGL: SwiftShader, as on a machine without a GPU): the
 * built renderer against the real Node host, on a synthetic catalogue whose map is a made-up layout of clusters
 * (UMAP's time is the "map" group's; here only drawing counts). The catalogue is built once at the largest size; each
 * smaller map is the same catalogue with only its first images laid out, and each size is panned twice in the same
 * page: as the view draws (a thinned sample while moving, see drawBudget.ts) and drawing every point each frame.
 *
 * - Panning: a drag across the canvas, one mouse move at a time; the page's requestAnimationFrame timestamps give
 *   the frame times while it moves (the view draws only when something changed, so every frame timed is a draw).
 * - Drawing alone (largest map): a frame forced by a tiny wheel zoom with every point drawn, timed from the frame's
 *   start to the pixels being done (readPixels waits for the GPU), against the same points drawn with Canvas 2D (one
 *   fillRect a point, batched by colour) on a canvas of the same size.
 *
 * Needs the built renderer (npx electron-vite build).
 */
export interface MapUiBenchSizes {
  /** The maps panned, in points, smallest first. */
  points: number[]
  /** Mouse moves in the drag. */
  moves: number
  /** Frames forced and timed for the drawing alone, and Canvas 2D draws. */
  draws: number
}

/** Clusters in the made-up layout, as classes make them in a real one. */
const CLUSTERS = 12
const CLUSTER_SPREAD = 0.05
const STEP_TIMEOUT_MS = 120_000

export async function benchMapUi(sizes: MapUiBenchSizes, log: (line: string) => void): Promise<BenchResult[]> {
  if (!rendererBuilt()) throw new Error('The map UI benchmark needs the built renderer: run npx electron-vite build first.')
  const largest = Math.max(...sizes.points)
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-map-ui-'))
  let host: Host | undefined
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? { executablePath: '/usr/bin/chromium' })
  try {
    log(`map-ui: a synthetic catalogue of ${largest} images with a made-up layout`)
    await buildSyntheticCatalog(workspaceDir, largest)
    host = await startHost({ workspaceDir, port: 0, rendererDir: RENDERER_DIR })
    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1440, height: 900 } })
    // tsx keeps function names with a __name() helper that the functions sent to page.evaluate would call there.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    const results: BenchResult[] = []
    let laidOut = 0
    let renderer = 'unknown'
    for (const points of [...sizes.points].sort((a, b) => a - b)) {
      writeSyntheticLayout(host, laidOut, points)
      if (laidOut === 0) renderer = await openMap(page, host, points)
      else {
        // The open view fetches the points again when the map feature says the map changed, as after placing images.
        host.loupe.events.emit('map.changed', { modelId: host.loupe.map.status().modelId })
        await shown(page, points)
      }
      laidOut = points
      log(`  ${points} points, WebGL renderer: ${renderer}; panning: drags of ${sizes.moves} mouse moves`)
      const details = { points, renderer, viewport: '1440×900 CSS px, device pixel ratio 1', moves: sizes.moves }
      for (const thinning of [true, false]) {
        await setThinning(page, thinning)
        const pan = await panFrames(page, sizes.moves)
        const frames = summarise(pan.frameMs)
        const drawn = summarise(pan.drawn)
        const way = thinning ? 'thinned while moving' : 'every point every frame'
        log(
          `    ${way}: ${pan.frameMs.length} frames drawn; a frame ${round(frames.median, 1)} ms (median), ` +
            `${round(frames.p95 ?? frames.max, 1)} ms (p95); points drawn ${drawn.median} (median), ${drawn.min} (least); ` +
            `${pan.drawn.filter((count) => count === points).length} frames drew every point`,
        )
        results.push(
          result(
            {
              id: `map-ui.pan.frame.${points}.${thinning ? 'lod' : 'full'}`,
              name: `map: frame time while panning ${points} points, ${way} (WebGL)`,
              unit: 'ms',
              details: {
                ...details,
                framesDrawn: pan.frameMs.length,
                medianPointsDrawn: drawn.median,
                leastPointsDrawn: drawn.min,
                framesDrawingEveryPoint: pan.drawn.filter((count) => count === points).length,
              },
            },
            pan.frameMs,
          ),
        )
      }
    }
    log(`  drawing alone: ${sizes.draws} forced frames of every point, and the same points with Canvas 2D`)
    await setThinning(page, false)
    const webgl = await forcedFrames(page, sizes.draws)
    const canvas2d = await canvas2dDraws(page, host, sizes.draws)
    await page.close()
    log(`    WebGL draw ${round(summarise(webgl).median, 1)} ms, Canvas 2D ${round(summarise(canvas2d).median, 1)} ms (medians)`)
    const details = { points: largest, renderer, viewport: '1440×900 CSS px, device pixel ratio 1' }
    results.push(
      result({ id: 'map-ui.draw.webgl', name: `map: one frame of ${largest} points drawn with WebGL, to the pixels`, unit: 'ms', details }, webgl),
      result({ id: 'map-ui.draw.canvas2d', name: `map: the same points drawn with Canvas 2D (for comparison)`, unit: 'ms', details }, canvas2d),
    )
    return results
  } finally {
    await browser.close()
    await host?.close()
    await rm(workspaceDir, { recursive: true, force: true })
  }
}

/** Opens the app and its map, waiting until it shows `points` points; returns the WebGL renderer's name. */
async function openMap(page: Page, host: Host, points: number): Promise<string> {
  await page.goto(host.url)
  // No model is installed: the map needs none to show a layout, so "Get an image model" is put off.
  if ((await host.loupe.client.api.models.list({})).length === 0) await page.getByTestId('first-run-model-later').click()
  await page.getByTestId('map-button').click()
  await shown(page, points)
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"]')!.getContext('webgl2')
    const info = gl?.getExtension('WEBGL_debug_renderer_info')
    return info ? String(gl!.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown'
  })
}

/** Waits until the map shows `points` points and their colours' legend. */
async function shown(page: Page, points: number): Promise<void> {
  await page.getByTestId('map-canvas').and(page.locator(`[data-points="${points}"]`)).waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.getByTestId('map-legend-entry').first().waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The view thins the map while it moves unless its canvas says not to (the bench's switch, see mapController.ts). */
async function setThinning(page: Page, on: boolean): Promise<void> {
  await page.getByTestId('map-canvas').evaluate((canvas: HTMLCanvasElement, thin) => {
    if (thin) delete canvas.dataset.levelOfDetail
    else canvas.dataset.levelOfDetail = 'off'
  }, on)
}

/**
 * A layout of the active model for the images from the `from`th to before the `to`th (by id): Gaussian clusters in
 * [0, 1]², written as the map feature keeps one. The same seed each time, so a larger map has the smaller one in it.
 */
function writeSyntheticLayout(host: Host, from: number, to: number): void {
  const db = host.loupe.workspace.db
  const { modelId } = host.loupe.map.status()
  const random = seededRandom(0x3a9)
  const centres = Array.from({ length: CLUSTERS }, () => [0.15 + 0.7 * random(), 0.15 + 0.7 * random()] as const)
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const images = db.prepare('SELECT id, content_hash AS hash FROM images ORDER BY id').all() as Array<{ id: number; hash: string }>
  db.transaction(() => {
    if (from === 0) db.prepare('INSERT INTO map_layouts (model_id, seed, computed_at) VALUES (?, 1, ?)').run(modelId, new Date().toISOString())
    const insert = db.prepare('INSERT INTO map_points (model_id, image_id, content_hash, x, y, anchor) VALUES (?, ?, ?, ?, ?, 1)')
    for (const [i, image] of images.slice(0, to).entries()) {
      const [cx, cy] = centres[i % CLUSTERS]!
      const clamp = (value: number) => Math.min(1, Math.max(0, value))
      const [x, y] = [clamp(cx + CLUSTER_SPREAD * gaussian()), clamp(cy + CLUSTER_SPREAD * gaussian())]
      if (i >= from) insert.run(modelId, image.id, image.hash, x, y)
    }
  })()
}

/**
 * Drags across the middle of the canvas, one move at a time, while the page notes each frame's timestamp and whether
 * the map drew in it (its transform or the number of points it drew changed, so a full draw while the view is still
 * counts too); a drawn frame's time is the time to the next frame. Frames with nothing to draw (a move still on its
 * way) are left out, so an idle frame's 16.7 ms does not flatter the figure.
 */
async function panFrames(page: Page, moves: number): Promise<{ frameMs: number[]; drawn: number[] }> {
  const box = (await page.getByTestId('map-canvas').boundingBox())!
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
  await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"]')!
    const holder = globalThis as unknown as { mapFrames?: { frameMs: number[]; drawn: number[]; recording: boolean } }
    const frames = { frameMs: [] as number[], drawn: [] as number[], recording: true }
    holder.mapFrames = frames
    let previous: { stamp: number; drawnState: string } | null = null
    const record = (stamp: number) => {
      // This callback runs before the map's own in a frame, so a state changed since the one before means the map
      // drew in the previous frame.
      const drawnState = `${canvas.dataset.viewTransform} ${canvas.dataset.drawn}`
      if (previous && previous.drawnState !== drawnState) {
        frames.frameMs.push(stamp - previous.stamp)
        frames.drawn.push(Number(canvas.dataset.drawn))
      }
      previous = { stamp, drawnState }
      if (frames.recording) requestAnimationFrame(record)
    }
    requestAnimationFrame(record)
  })
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let i = 1; i <= moves; i++) await page.mouse.move(x + 300 * Math.sin((i / moves) * 2 * Math.PI), y + 150 * Math.sin((i / moves) * 4 * Math.PI))
  const result = await page.evaluate(async () => {
    const holder = globalThis as unknown as { mapFrames?: { frameMs: number[]; drawn: number[]; recording: boolean } }
    const frames = holder.mapFrames!
    // Two more frames: the last move's draw, and the frame after it that notices it.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    frames.recording = false
    delete holder.mapFrames
    return { frameMs: frames.frameMs, drawn: frames.drawn }
  })
  // Let go after the recording: the full draw on release is the end of the pan, not one of its frames.
  await page.mouse.up()
  return result
}

/**
 * Frames forced one at a time by a tiny wheel zoom, each timed from the frame's start to readPixels returning (the
 * map's canvas gives the context it already has, so this reads its own pixels).
 */
function forcedFrames(page: Page, draws: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"]')!
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!
    const rect = canvas.getBoundingClientRect()
    const pixel = new Uint8Array(4)
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      times.push(
        await new Promise<number>((resolve) => {
          const deltaY = i % 2 === 0 ? 1 : -1
          canvas.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, cancelable: true }))
          // Called after the map's own frame callback, which the wheel asked for first.
          requestAnimationFrame((frameStart) => {
            gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel)
            resolve(performance.now() - frameStart)
          })
        }),
      )
    }
    return times
  }, draws)
}

/** The map's points drawn with Canvas 2D on a canvas of the map's size: one fillRect each, batched by colour. */
async function canvas2dDraws(page: Page, host: Host, draws: number): Promise<number[]> {
  const points = await host.loupe.client.api.map.points({})
  const colours = await host.loupe.client.api.map.colours({ by: 'class' })
  return page.evaluate(
    ({ xs, ys, values, count }) => {
      const mapCanvas = document.querySelector<HTMLCanvasElement>('[data-testid="map-canvas"]')!
      const canvas = document.createElement('canvas')
      canvas.width = mapCanvas.width
      canvas.height = mapCanvas.height
      const context = canvas.getContext('2d')!
      const scale = Math.min(canvas.width, canvas.height) * 0.9
      const [offsetX, offsetY] = [(canvas.width - scale) / 2, (canvas.height - scale) / 2]
      const byColour = new Map<number, number[]>()
      values.forEach((value, i) => {
        const key = value ?? -1
        const indices = byColour.get(key) ?? []
        indices.push(i)
        byColour.set(key, indices)
      })
      const times: number[] = []
      for (let k = 0; k < count; k++) {
        const started = performance.now()
        context.clearRect(0, 0, canvas.width, canvas.height)
        for (const [value, indices] of byColour) {
          context.fillStyle = `hsl(${(value + 1) * 30}, 70%, 55%)`
          for (const i of indices) context.fillRect(xs[i]! * scale + offsetX - 1.5, ys[i]! * scale + offsetY - 1.5, 3, 3)
        }
        // Reading a pixel waits for the drawing to be done.
        context.getImageData(0, 0, 1, 1)
        times.push(performance.now() - started)
      }
      return times
    },
    { xs: points.x, ys: points.y, values: colours.values, count: draws },
  )
}
