import { serveRequests, Transferring } from '../../platform/workers/serve'
import type { AnalysedFrames, DicomDecodeMethods, DicomSource } from './decode-methods'
import { asDicomError } from './errors'
import { frameGeometry } from './geometry'
import { dicomCache, decodeDicomFrame, openDicomImage, readDicomBytes, renderDicomFrame, type DicomImage } from './image'
import { renderedToSharp } from './to-sharp'
import { dataWindow, defaultWindow, modalityValues, valueRange, type Rendered } from './window'

/**
 * The DICOM decode worker (worker_threads): parsing, the codecs (WebAssembly), window/level and import thumbnails run
 * here, off the main thread, where a compressed 512² frame would hold the event loop for 0.1-0.3 s. Built as its own
 * entry by electron-vite (out/main/dicom-decode-worker.js); under tsx/vitest it is started through
 * workers/worker-bootstrap.js. Every failure goes back as a DicomError.
 */

async function imageOf(source: DicomSource): Promise<DicomImage> {
  return 'path' in source ? dicomCache.open(source.path) : openDicomImage(source.bytes)
}

/**
 * Replies move their buffers to the caller rather than copy them; a view into other memory (the file's bytes, Node's
 * shared buffer pool) is copied first, as moving it would take that memory away from its owner.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}

function ownPixels(rendered: Rendered): Rendered {
  return { ...rendered, data: ownBytes(rendered.data) }
}

async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw asDicomError(error)
  }
}

/** A grey frame's modality values (e.g. Hounsfield units), with what they came from; null for colour or palette frames. */
async function valuesOf(path: string, frame: number) {
  const image = await dicomCache.open(path)
  if (image.module.samplesPerPixel !== 1 || image.module.palette) return null
  const { decoded, params } = await decodeDicomFrame(image, frame)
  if (decoded.kind !== 'values') return null
  return { image, params, values: modalityValues(decoded.values, params) }
}

serveRequests<DicomDecodeMethods>({
  // Read past the parsed-files cache: a series is hundreds of files read once, which would push out the few the
  // viewer is stepping through.
  geometry: ({ path }) =>
    decoding(async () => {
      const image = openDicomImage(await readDicomBytes(path))
      return Array.from({ length: image.module.frames }, (_, frame) => frameGeometry(image.file, frame))
    }),

  render: ({ source, frame, window }) =>
    decoding(async () => {
      const rendered = ownPixels(await renderDicomFrame(await imageOf(source), frame, window))
      return new Transferring(rendered, [rendered.data.buffer as ArrayBuffer])
    }),

  analyse: ({ bytes, thumbnail, frames: only }) =>
    decoding(async () => {
      const image = openDicomImage(bytes)
      const { rows, columns, frames: frameCount } = image.module
      const frames: AnalysedFrames['frames'] = []
      for (const frame of only ?? Array.from({ length: frameCount }, (_, i) => i)) {
        let rendered: Rendered
        try {
          rendered = await renderDicomFrame(image, frame)
        } catch (error) {
          const failed = asDicomError(error)
          const where = `(frame ${frame + 1} of ${frameCount})`
          const reason = frameCount > 1 && !failed.reason.includes(where) ? `${failed.reason} ${where}` : failed.reason
          ;(failed as { reason: string }).reason = reason
          throw failed
        }
        const webp = await renderedToSharp(rendered)
          .resize(thumbnail.size, thumbnail.size, { fit: 'inside', withoutEnlargement: true })
          .webp(thumbnail.webp)
          .toBuffer()
        frames.push({ frame, thumbnail: ownBytes(webp), geometry: frameGeometry(image.file, frame) })
      }
      const value = { identity: image.identity, width: columns, height: rows, frameCount, frames }
      return new Transferring(value, frames.map(({ thumbnail }) => thumbnail.buffer as ArrayBuffer))
    }),

  values: ({ path, frame }) =>
    decoding(async () => {
      const found = await valuesOf(path, frame)
      if (!found) return null
      const { values, params, image } = found
      const out = new Uint8Array(values.length * 4)
      const view = new DataView(out.buffer)
      for (let i = 0; i < values.length; i += 1) view.setFloat32(i * 4, values[i]!, true)
      const fitted = dataWindow(values, params, image.module)
      const statistics = { valueRange: valueRange(values), defaultWindow: defaultWindow(values, params, image.module, fitted), dataWindow: fitted }
      return new Transferring({ values: out, statistics }, [out.buffer])
    }),
})
