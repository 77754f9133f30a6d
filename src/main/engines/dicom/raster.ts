import type { Sharp, WebpOptions } from 'sharp'
import type { DicomSource } from './decode-methods'
import { dicomDecoder } from './decoder'
import type { FrameGeometry } from './geometry'
import { frameContentHash } from './image'
import type { DicomIdentity } from './metadata'
import { renderedToSharp } from './to-sharp'
import type { Window } from './window'

export { renderedToSharp }

/** One frame of a DICOM file (its bytes, or its path) as a sharp pipeline, with the default window unless one is given. */
export async function dicomFrameSharp(source: Uint8Array | DicomSource, frame = 0, window?: Window): Promise<Sharp> {
  return renderedToSharp(await dicomDecoder.render(source instanceof Uint8Array ? { bytes: source } : source, frame, window))
}

/**
 * One frame as a PNG that carries pixels only (sharp writes no metadata unless asked to): the DICOM PNG export and the
 * image copies of annotation exports.
 */
export async function dicomFramePng(path: string, frame: number, window?: Window): Promise<Buffer> {
  return (await dicomFrameSharp({ path }, frame, window)).png().toBuffer()
}

/**
 * What to give imaging's openImage (and so the CNN's preprocessing, crop included) for one catalogue image: the file's
 * path, whose first frame openImage decodes, or, for a later frame of a multi-frame DICOM file, that frame as a PNG.
 * The PNG is encoded without compression: it only travels to the next decoder in this process.
 */
export async function frameImageInput(path: string, frame: number): Promise<string | Buffer> {
  if (frame === 0) return path
  return (await dicomFrameSharp({ path }, frame)).png({ compressionLevel: 0 }).toBuffer()
}

export interface DicomFrameAnalysis {
  frame: number
  width: number
  height: number
  contentHash: string
  thumbnail: Buffer
  geometry: FrameGeometry
}

/**
 * Decodes every frame (or the ones asked for) and makes each a WebP thumbnail with the default window, so damage in
 * any frame is found at import. Throws a DicomError naming the frame that failed.
 */
export async function analyseDicomBytes(
  bytes: Uint8Array,
  fileHash: string,
  thumbnailSize: number,
  webp: WebpOptions,
  onlyFrames?: readonly number[],
): Promise<{ identity: DicomIdentity; frames: DicomFrameAnalysis[] }> {
  const analysed = await dicomDecoder.analyse(bytes, { size: thumbnailSize, webp }, onlyFrames)
  const frames = analysed.frames.map(({ frame, thumbnail, geometry }) => ({
    frame,
    geometry,
    width: analysed.width,
    height: analysed.height,
    contentHash: frameContentHash(fileHash, frame),
    thumbnail: Buffer.from(thumbnail.buffer, thumbnail.byteOffset, thumbnail.byteLength),
  }))
  return { identity: analysed.identity, frames }
}
