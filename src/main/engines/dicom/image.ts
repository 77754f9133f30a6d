import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { readFile } from 'node:fs/promises'
import { describeFsError, isErrnoException } from '../../platform/fs/fs-errors'
import { decodeFrame, type DecodedFrame } from './decode'
import { asDicomError, DicomError } from './errors'
import { frameParameters, readImageModule, type FrameParameters, type ImageModule } from './image-module'
import { readIdentity, type DicomIdentity } from './metadata'
import { parseDicomBytes, type DicomFile } from './parse'
import { renderFrame, type Rendered, type Window } from './window'

/** A parsed DICOM file that carries an image. */
export interface DicomImage {
  file: DicomFile
  module: ImageModule
  identity: DicomIdentity
}

/**
 * Parses a DICOM file and checks that it carries an image we can decode. Throws a DicomError naming why not (not
 * DICOM, truncated, no pixel data, unsupported transfer syntax or pixel format).
 */
export function openDicomImage(bytes: Uint8Array): DicomImage {
  try {
    const file = parseDicomBytes(bytes)
    const module = readImageModule(file)
    if (file.syntax.encoding === 'unsupported') throw new DicomError(`unsupported DICOM transfer syntax (${file.syntax.name})`)
    return { file, module, identity: readIdentity(file) }
  } catch (error) {
    throw asDicomError(error)
  }
}

export async function decodeDicomFrame(image: DicomImage, frame: number): Promise<{ decoded: DecodedFrame; params: FrameParameters }> {
  try {
    const decoded = await decodeFrame(image.file, image.module, frame)
    return { decoded, params: frameParameters(image.file, image.module, frame) }
  } catch (error) {
    throw asDicomError(error)
  }
}

/** An 8-bit rendition of one frame with the given window, or the file's / a sensible default one. */
export async function renderDicomFrame(image: DicomImage, frame: number, window?: Window): Promise<Rendered> {
  const { decoded, params } = await decodeDicomFrame(image, frame)
  return renderFrame(decoded, image.module, params, window)
}

/**
 * The content hash of one frame image: the file's own hash for the first frame (so a single-frame file is hashed like
 * any other image), and a hash of the file's hash and the frame number for the others.
 */
export function frameContentHash(fileHash: string, frame: number): string {
  return frame === 0 ? fileHash : createHash('sha256').update(`${fileHash}:${frame}`).digest('hex')
}

function unreadable(error: unknown): DicomError {
  const reason = isErrnoException(error) ? describeFsError(error) : String(error)
  return new DicomError(isErrnoException(error) && error.code === 'ENOENT' ? 'file not found' : `cannot read file: ${reason}`)
}

/** A file's bytes; a missing or unreadable file fails with a DicomError that says so. */
export async function readDicomBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (error) {
    throw unreadable(error)
  }
}

/** A few recently opened files, so that a viewer stepping through frames does not read and parse the file each time. */
class DicomCache {
  private readonly entries = new Map<string, { stamp: string; image: DicomImage; size: number }>()
  private total = 0

  constructor(
    private readonly maxEntries = 8,
    private readonly maxBytes = 512 * 1024 * 1024,
  ) {}

  async open(path: string): Promise<DicomImage> {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      throw unreadable(error)
    }
    const stamp = `${info.size}:${info.mtimeMs}`
    const known = this.entries.get(path)
    if (known && known.stamp === stamp) {
      this.entries.delete(path)
      this.entries.set(path, known)
      return known.image
    }
    const image = openDicomImage(await readFile(path))
    this.remember(path, stamp, image, info.size)
    return image
  }

  private remember(path: string, stamp: string, image: DicomImage, size: number): void {
    const previous = this.entries.get(path)
    if (previous) {
      this.total -= previous.size
      this.entries.delete(path)
    }
    if (size > this.maxBytes) return
    this.entries.set(path, { stamp, image, size })
    this.total += size
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.total <= this.maxBytes) break
      this.entries.delete(oldest)
      this.total -= entry.size
    }
  }
}

export const dicomCache = new DicomCache()

export type { Rendered, Window }
