import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { dicomDecoder, openDicomImage, renderDicomFrame } from '../src/main/dicom'
import { dicomFrameSharp, renderedToSharp } from '../src/main/dicom/raster'
import { result, round, type BenchResult } from './stats'

/** Compressed frames from the shared test data beside the checkout: JPEG 2000 512², lossless 400², JPEG 12-bit 256×1024. */
const DICOM_DIR = resolve(fileURLToPath(new URL('../../shared/data/dicom', import.meta.url)))
const SERIES = ['693_J2KI.dcm', 'GDCMJ2K_TextGBR.dcm', 'JPEG-lossy.dcm']
const LOOP_SAMPLING_MS = 10

/**
 * Rendering a compressed DICOM series to PNG one frame after another, as the viewer's previews do: decoded on the main
 * thread (how Loupe did it before) against decoded in the DICOM worker pool, with the main event loop's delay meanwhile.
 * The delay is what the UI and the API feel; the frame rate shows what moving the work costs.
 */
export async function benchDicomDecode(rounds: number, log: (line: string) => void): Promise<BenchResult[]> {
  const frames = await Promise.all(SERIES.map((name) => readFile(join(DICOM_DIR, name))))
  const onMainThread = async (bytes: Buffer) =>
    renderedToSharp(await renderDicomFrame(openDicomImage(bytes), 0)).png().toBuffer()
  const inWorker = async (bytes: Buffer) => (await dicomFrameSharp(bytes, 0)).png().toBuffer()
  try {
    const results: BenchResult[] = []
    for (const [mode, render] of [
      ['main-thread', onMainThread],
      ['worker', inWorker],
    ] as const) {
      for (const bytes of frames) await render(bytes) // codecs loaded, worker started
      const started = performance.now()
      const delay = await loopDelay(async () => {
        for (let i = 0; i < rounds; i++) for (const bytes of frames) await render(bytes)
      })
      const perSecond = (rounds * frames.length * 1000) / (performance.now() - started)
      log(`  ${mode}: ${perSecond.toFixed(1)} frames/s, event loop delay p99 ${delay.p99.toFixed(1)} ms, max ${delay.max.toFixed(1)} ms`)
      const details = { frames: rounds * frames.length, files: SERIES, p50: round(delay.p50), max: round(delay.max) }
      const where = mode === 'worker' ? 'in the decode worker' : 'on the main thread'
      results.push(
        result(
          { id: `dicom.render.${mode}.loop-delay`, name: `event loop delay (p99) rendering compressed DICOM frames, ${where}`, unit: 'ms', details },
          [round(delay.p99)],
        ),
        result(
          { id: `dicom.render.${mode}.rate`, name: `compressed DICOM frames rendered to PNG, ${where}`, unit: 'frames/s', higherIsBetter: true },
          [perSecond],
        ),
      )
    }
    return results
  } finally {
    await dicomDecoder.close()
  }
}

/** How late the main thread's sampling timer fired while `work` ran (the sampling period taken off), in milliseconds. */
async function loopDelay(work: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLING_MS })
  histogram.enable()
  await work()
  histogram.disable()
  const late = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - LOOP_SAMPLING_MS)
  return { p50: late(histogram.percentile(50)), p99: late(histogram.percentile(99)), max: late(histogram.max) }
}
