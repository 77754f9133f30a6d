import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import playwrightConfig from '../playwright.config'
import { startHost, type Host } from '../src/main/doors/host/server'
import type { DicomStack } from '../src/shared/api/schemas'
import { writeSyntheticSeries } from '../test/support/synthetic-series'
import { importFolder, RENDERER_DIR, rendererBuilt } from './annotation-ui'
import { result, round, summarise, type BenchResult } from './stats'

/**
 * Reading a CT series as a radiologist scrolls it: the built renderer's reader in Chromium against the real Node
 * host, on a synthetic series made from a real slice (test/support/synthetic-series.ts).
 *
 * - Scrolling: wheel events dispatched in the page, each one as soon as the slice before it is on the canvas (the
 *   viewport sets data-drawn-image-id after drawing), through the whole series: cold (nothing cached anywhere: the
 *   host decodes every slice), with the host's values cached (a fresh page), and over slices the viewer has cached
 *   (prefetched), which is drawing alone.
 * - The services alone, without a browser: dicom.stack for the series (its geometry kept at import, and read from
 *   the files as for a workspace from before), the raw values of every slice over HTTP (decoded, then cached), and
 *   the frame facts the reader asks for with each slice (dicom.frame, through the dispatcher).
 *
 * Needs the built renderer (npx electron-vite build).
 */
export interface ReaderBenchSizes {
  slices: number
  size: number
  /** Cold scrolls through the whole series, each on a fresh page with the host's cache emptied. */
  coldPasses: number
  /** Steps over slices the viewer holds already (its cache keeps the last few dozen). */
  cachedSteps: number
  stackRuns: number
}

/** The reader's slice cache fetches this many slices at once; the HTTP figures ask the host the same way. */
const IN_FLIGHT = 3
/** A slice not drawn by then means the reader is stuck, not slow. */
const STEP_TIMEOUT_MS = 60_000

export async function benchReader(sizes: ReaderBenchSizes, log: (line: string) => void): Promise<BenchResult[]> {
  if (!rendererBuilt()) throw new Error('The reader benchmark needs the built renderer: run npx electron-vite build first.')
  const seriesDir = await mkdtemp(join(tmpdir(), 'loupe-bench-series-'))
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-reader-'))
  let host: Host | undefined
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions ?? { executablePath: '/usr/bin/chromium' })
  try {
    log(`reader: writing a ${sizes.slices}-slice ${sizes.size}² CT series`)
    await writeSyntheticSeries(seriesDir, { slices: sizes.slices, size: sizes.size })
    host = await startHost({ workspaceDir, port: 0, rendererDir: RENDERER_DIR })
    log(`  importing it into ${workspaceDir}`)
    await importFolder(host, seriesDir)
    const details = { slices: sizes.slices, size: `${sizes.size}×${sizes.size}`, bitsStored: 16 }

    log('  the services alone: stack, raw values over HTTP, frame facts')
    const { stack, kept, read } = await timeStacks(host, sizes.stackRuns)
    const ids = stack.slices.map((slice) => slice.imageId)
    await emptyValueCache(host)
    const rawCold = await fetchRawValues(host, ids)
    const rawCached = await fetchRawValues(host, ids)
    const frameInfo = await frameFacts(host, ids)
    log(`    raw values ${rate(ids.length, rawCold)} slices/s cold, ${rate(ids.length, rawCached)} cached; frame facts ${rate(ids.length, frameInfo)}/s`)

    const page = await browser.newPage({ viewport: playwrightConfig.use?.viewport ?? { width: 1440, height: 900 } })
    // tsx keeps function names with a __name() helper that the functions sent to page.evaluate would call there.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
    const steps = ids.length - 1
    const cold: ScrollPass[] = []
    for (let pass = 0; pass < sizes.coldPasses; pass++) {
      log(`  scrolling ${steps} slices, cold (pass ${pass + 1} of ${sizes.coldPasses})`)
      await emptyValueCache(host)
      await openReader(page, host, stack, ids)
      cold.push(await scroll(page, ids, steps, 1))
    }
    log(`  scrolling ${steps} slices with the host's values cached`)
    await openReader(page, host, stack, ids)
    const hostCached = await scroll(page, ids, steps, 1)
    const cachedSteps = Math.min(sizes.cachedSteps, steps)
    log(`  scrolling back and forth over ${cachedSteps} slices the viewer holds`)
    const viewerCached = [await scroll(page, ids, cachedSteps, -1), await scroll(page, ids, cachedSteps, 1)]
    const inPage = await fetchInPage(page, host, ids)
    log(`  the page fetching the raw values alone (host-cached): ${rate(ids.length, inPage)} slices/s`)
    await page.close()

    // One sample a pass: slices over the pass's whole time, stalls included; the steps' own times in the details.
    const scrollResult = (id: string, name: string, passes: ScrollPass[]) => {
      const steps = summarise(passes.flatMap((pass) => pass.stepMs))
      const waits = summarise(passes.flatMap((pass) => pass.waitMs))
      const perPass = passes.map(({ stepMs }) => rate(stepMs.length, stepMs.reduce((sum, ms) => sum + ms, 0)))
      log(
        `    ${id}: ${perPass.join(', ')} slices/s; a step ${round(steps.median, 1)} ms (median), ${round(steps.p95 ?? steps.max, 1)} ms ` +
          `(p95), of which waiting for the slice's values ${round(waits.median, 1)} ms (median)`,
      )
      const ms = (summary: typeof steps) => ({ median: round(summary.median, 2), p95: summary.p95 === null ? null : round(summary.p95, 2), max: round(summary.max, 2) })
      return result(
        { id: `reader.scroll.${id}`, name, unit: 'slices/s', higherIsBetter: true, details: { ...details, steps: steps.n, stepMs: ms(steps), waitingMs: ms(waits) } },
        perPass,
      )
    }
    return [
      result({ id: 'reader.stack.kept', name: `dicom.stack of ${sizes.slices} slices, geometry kept at import`, unit: 'ms', details }, kept),
      result(
        { id: 'reader.stack.read', name: `dicom.stack of ${sizes.slices} slices, geometry read from the files (older workspace)`, unit: 'ms', details },
        read,
      ),
      result(
        { id: 'reader.raw.cold', name: `raw slice values over HTTP, decoded by the host (${IN_FLIGHT} in flight)`, unit: 'slices/s', higherIsBetter: true, details },
        [rate(ids.length, rawCold)],
      ),
      result(
        { id: 'reader.raw.cached', name: `raw slice values over HTTP, from the host's cache (${IN_FLIGHT} in flight)`, unit: 'slices/s', higherIsBetter: true, details },
        [rate(ids.length, rawCached)],
      ),
      result(
        { id: 'reader.frame-info', name: `dicom.frame for each slice (${IN_FLIGHT} in flight)`, unit: 'calls/s', higherIsBetter: true, details },
        [rate(ids.length, frameInfo)],
      ),
      result(
        { id: 'reader.raw.page', name: `raw slice values fetched by the page, host-cached (${IN_FLIGHT} in flight)`, unit: 'slices/s', higherIsBetter: true, details },
        [rate(ids.length, inPage)],
      ),
      scrollResult('cold', 'reader: wheel through the series, cold (host decodes each slice)', cold),
      scrollResult('host-cached', "reader: wheel through the series, fresh page, host's values cached", [hostCached]),
      scrollResult('viewer-cached', 'reader: wheel over slices the viewer has prefetched (drawing alone)', viewerCached),
    ]
  } finally {
    await browser.close()
    await host?.close()
    await rm(workspaceDir, { recursive: true, force: true })
    await rm(seriesDir, { recursive: true, force: true })
  }
}

function rate(count: number, ms: number): number {
  return round((count * 1000) / ms, 1)
}

/** dicom.stack from the geometry kept at import, then with it gone (read from the files again each time). */
async function timeStacks(host: Host, runs: number): Promise<{ stack: DicomStack; kept: number[]; read: number[] }> {
  const db = host.loupe.workspace.db
  const { id } = db.prepare('SELECT id FROM images ORDER BY id LIMIT 1').get() as { id: number }
  const time = async () => {
    const started = performance.now()
    const stack = await host.loupe.client.api.dicom.stack({ imageId: id })
    return { stack, ms: performance.now() - started }
  }
  const kept: number[] = []
  const read: number[] = []
  let stack: DicomStack | undefined
  for (let run = 0; run < runs; run++) {
    const timed = await time()
    stack = timed.stack
    kept.push(timed.ms)
  }
  for (let run = 0; run < runs; run++) {
    db.prepare('DELETE FROM dicom_geometry').run()
    read.push((await time()).ms)
  }
  if (stack!.order !== 'position') throw new Error(`the synthetic series stacked by ${stack!.order}, not by position`)
  return { stack: stack!, kept, read }
}

/** Removes the host's cached raw values (media `/raw/<id>`), so the next request decodes the slice again. */
async function emptyValueCache(host: Host): Promise<void> {
  const root = host.loupe.workspace.previewsDir
  for (const entry of await readdir(root, { recursive: true })) {
    if (entry.endsWith('.f32')) await unlink(join(root, entry))
  }
}

/** Runs `work` over every id, IN_FLIGHT at a time, as the reader's slice cache does; the wall time in ms. */
async function inFlight(ids: readonly number[], work: (id: number) => Promise<void>): Promise<number> {
  const queue = [...ids]
  const started = performance.now()
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await work(id)
    }),
  )
  return performance.now() - started
}

/** The host's access token, from the link it gives (#token=…). */
function tokenOf(host: Host): string {
  return new URLSearchParams(new URL(host.url).hash.slice(1)).get('token') ?? ''
}

function fetchRawValues(host: Host, ids: readonly number[]): Promise<number> {
  const { origin } = new URL(host.url)
  const token = tokenOf(host)
  return inFlight(ids, async (id) => {
    const response = await fetch(`${origin}/media/raw/${id}?token=${encodeURIComponent(token)}`)
    if (!response.ok) throw new Error(`/media/raw/${id}: HTTP ${response.status}`)
    await response.arrayBuffer()
  })
}

function frameFacts(host: Host, ids: readonly number[]): Promise<number> {
  return inFlight(ids, async (id) => {
    await host.loupe.client.api.dicom.frame({ imageId: id })
  })
}

/** Runs in the page: every slice's raw values fetched as the reader fetches them, IN_FLIGHT at a time; the wall time. */
function fetchInPage(page: Page, host: Host, ids: readonly number[]): Promise<number> {
  return page.evaluate(
    async ({ ids, inFlight, token }) => {
      const queue = [...ids]
      const started = performance.now()
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            const response = await fetch(`/media/raw/${id}?token=${encodeURIComponent(token)}`)
            if (!response.ok) throw new Error(`/media/raw/${id}: HTTP ${response.status}`)
            await response.arrayBuffer()
          }
        }),
      )
      return performance.now() - started
    },
    { ids, inFlight: IN_FLIGHT, token: tokenOf(host) },
  )
}

/** A fresh page (the viewer's cache empty), the series opened from the Studies tree's Read button, slice 1 drawn. */
async function openReader(page: Page, host: Host, stack: DicomStack, ids: readonly number[]): Promise<void> {
  await page.goto('about:blank')
  await page.goto(host.url)
  // With no image model installed the app opens on "Get an image model"; the reader needs none (nor the indexing
  // a model would start), so it is put off.
  if ((await host.loupe.client.api.models.list({})).length === 0) await page.getByTestId('first-run-model-later').click()
  // The series' own row: the list item around its button (the patient's and the study's items hold it too).
  const row = page.locator(`[data-testid="study-series"][data-series-uid="${stack.seriesUid}"]`).locator('xpath=..')
  await row.hover()
  await row.getByTestId('study-series-read').click()
  await page.locator(`[data-testid="reader-viewport"][data-drawn-image-id="${ids[0]}"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** One pass of scrolling: each step's time, and how much of it the viewport spent waiting for the slice's values. */
interface ScrollPass {
  stepMs: number[]
  waitMs: number[]
}

/**
 * Runs in the page: `steps` wheel notches over the viewport, each dispatched once the slice the one before moved to
 * is drawn; each step's time by the page's clock, and the part of it from the viewport taking the new slice index to
 * the slice being drawn (waiting for its values; the rest is the wheel's handling and the drawing).
 */
function scroll(page: Page, ids: readonly number[], steps: number, direction: 1 | -1): Promise<ScrollPass> {
  return page.evaluate(
    ({ ids, steps, direction, timeoutMs }) =>
      new Promise<ScrollPass>((resolve, reject) => {
        const viewport = document.querySelector<HTMLElement>('[data-testid="reader-viewport"]')!
        const bounds = viewport.getBoundingClientRect()
        const x = bounds.left + bounds.width / 2
        const y = bounds.top + bounds.height / 2
        const pass: ScrollPass = { stepMs: [], waitMs: [] }
        let index = Number(viewport.dataset.sliceIndex)
        let started = 0
        let indexed = 0
        let timer: ReturnType<typeof setTimeout> | undefined
        const observer = new MutationObserver(() => {
          if (Number(viewport.dataset.sliceIndex) !== index) return
          const now = performance.now()
          if (indexed === 0) indexed = now
          if (viewport.dataset.drawnImageId !== String(ids[index])) return
          pass.stepMs.push(now - started)
          pass.waitMs.push(now - indexed)
          next()
        })
        const next = () => {
          clearTimeout(timer)
          if (pass.stepMs.length === steps) {
            observer.disconnect()
            resolve(pass)
            return
          }
          index += direction
          timer = setTimeout(() => {
            observer.disconnect()
            reject(new Error(`slice ${index + 1} was not drawn within ${timeoutMs / 1000} s`))
          }, timeoutMs)
          indexed = 0
          started = performance.now()
          // As a real wheel's, each event goes to whatever is under the pointer now (the layers' canvases may change).
          const target = document.elementFromPoint(x, y) ?? viewport
          target.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 * direction, clientX: x, clientY: y, bubbles: true, cancelable: true }))
        }
        observer.observe(viewport, { attributes: true, attributeFilter: ['data-drawn-image-id', 'data-slice-index'] })
        next()
      }),
    { ids, steps, direction, timeoutMs: STEP_TIMEOUT_MS },
  )
}
