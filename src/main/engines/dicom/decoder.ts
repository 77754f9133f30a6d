import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { workerEntry } from '../../platform/workers/entry'
import { WorkerPool } from '../../platform/workers/pool'
import type { SerializedError } from '../../platform/workers/protocol'
import type { AnalysedFrames, DicomDecodeMethods, DicomSource, FrameStatistics, ThumbnailSpec } from './decode-methods'
import { DicomError } from './errors'
import type { FrameGeometry } from './geometry'
import type { Rendered, Window } from './window'

/** Workers left idle this long are ended; starting one again costs a few tens of milliseconds. */
const IDLE_MS = 60_000

/**
 * Decodes DICOM frames in worker threads (decode-worker.ts), so that the main thread, which serves the UI's API and
 * media, never runs a codec. One or two workers, started on first use; failures arrive as the DicomError the same
 * work would have thrown on this thread.
 */
export class DicomDecoder {
  private readonly pool = new WorkerPool<DicomDecodeMethods>({
    name: 'loupe-dicom-decode',
    // One core is left to the main thread and libvips; more workers than two would only queue on the same cores.
    size: Math.min(2, Math.max(1, availableParallelism() - 1)),
    idleMs: IDLE_MS,
    entry: () => {
      // The workers make thumbnails with sharp, and on glibc Linux a native library first loaded by a worker is
      // unloaded when that worker ends, under sharp's feet in the others: loading it on this thread before the first
      // worker starts keeps it for the process's lifetime (and out of start-ups that never decode a scan).
      createRequire(import.meta.url)('sharp')
      return workerEntry({ from: import.meta.url, source: './decode-worker.ts', built: 'dicom-decode-worker.js' })
    },
    revive: reviveDicomError,
    stopped: (why) => new DicomError(`the DICOM decoder stopped (${why})`),
  })

  private readonly decoding = new Map<string, Promise<{ values: Uint8Array; statistics: FrameStatistics } | null>>()

  /** An 8-bit rendition of one frame, with the given window or the file's / a sensible default one. */
  render(source: DicomSource, frame: number, window?: Window): Promise<Rendered> {
    return this.pool.call('render', { source, frame, ...(window ? { window } : {}) })
  }

  /**
   * Renders every frame (or the ones asked for) and makes each a thumbnail: damage in any frame is found, and named
   * with its frame number. Frames are rendered one at a time, so a long cine loop never sits in memory whole.
   */
  analyse(bytes: Uint8Array, thumbnail: ThumbnailSpec, frames?: readonly number[]): Promise<AnalysedFrames> {
    return this.pool.call('analyse', { bytes, thumbnail, ...(frames ? { frames } : {}) })
  }

  /** A monochrome frame's modality values as little-endian float32; null for colour and palette images. */
  async modalityValues(path: string, frame: number): Promise<Buffer | null> {
    const decoded = await this.decodeValues(path, frame)
    return decoded && Buffer.from(decoded.values.buffer, decoded.values.byteOffset, decoded.values.byteLength)
  }

  /** A monochrome frame's value range and default window; null for colour and palette images. */
  async statistics(path: string, frame: number): Promise<FrameStatistics | null> {
    return (await this.decodeValues(path, frame))?.statistics ?? null
  }

  /**
   * One decode gives a frame's values and their statistics, shared by every request for either while it runs: a
   * viewer opening a slice asks for both at once (its facts, then its values from the media server).
   */
  private decodeValues(path: string, frame: number): Promise<{ values: Uint8Array; statistics: FrameStatistics } | null> {
    const key = `${frame}:${path}`
    const running = this.decoding.get(key)
    if (running) return running
    const started = this.pool.call('values', { path, frame }).finally(() => this.decoding.delete(key))
    this.decoding.set(key, started)
    return started
  }

  /** Where each frame of a file lies in the patient (its header only; no pixels are decoded). */
  geometry(path: string): Promise<FrameGeometry[]> {
    return this.pool.call('geometry', { path })
  }

  /** Workers running now. */
  get workers(): number {
    return this.pool.workers
  }

  /** Lets decoding in progress finish and ends the workers; the next call starts them again. */
  close(): Promise<void> {
    return this.pool.close()
  }
}

function reviveDicomError(error: SerializedError): DicomError {
  const reason = error.fields.reason
  return new DicomError(typeof reason === 'string' ? reason : `DICOM decoding failed: ${error.message}`)
}

/** The process's decoder: the imaging pipeline, media and export all share its workers. */
export const dicomDecoder = new DicomDecoder()
