import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dicomDecoder, openDicomImage, renderDicomFrame } from '../src/main/engines/dicom'
import { dicomFrameSharp, renderedToSharp } from '../src/main/engines/dicom/raster'
import { loopDelay, result, round, type BenchResult } from './stats'

/** Compressed frames from the shared test data beside the checkout: JPEG 2000 512², lossless 400², JPEG 12-bit 256×1024. */
const DICOM_DIR = resolve(fileURLToPath(new URL('../../shared/data/dicom', import.meta.url)))
const SERIES = ['693_J2KI.dcm', 'GDCMJ2K_TextGBR.dcm', 'JPEG-lossy.dcm']

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
