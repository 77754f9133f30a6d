import sharp, { type Sharp, type WebpOptions } from 'sharp'
import { frameContentHash, openDicomImage, renderDicomFrame, type DicomImage } from './image'
import type { DicomIdentity } from './metadata'
import type { Rendered, Window } from './window'

/** A sharp pipeline over a rendered frame (8-bit grey or RGB), for thumbnails, previews, PNG export and the CNN. */
export function renderedToSharp(rendered: Rendered): Sharp {
  return sharp(rendered.data, { raw: { width: rendered.width, height: rendered.height, channels: rendered.channels } })
}

/** One frame of a DICOM file as a sharp pipeline, with the default window unless one is given. */
export async function dicomFrameSharp(bytes: Uint8Array | DicomImage, frame = 0, window?: Window): Promise<Sharp> {
  const image = bytes instanceof Uint8Array ? openDicomImage(bytes) : bytes
  return renderedToSharp(await renderDicomFrame(image, frame, window))
}

export interface DicomFrameAnalysis {
  frame: number
  width: number
  height: number
  contentHash: string
  thumbnail: Buffer
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
  const image = openDicomImage(bytes)
  const { rows, columns, frames: count } = image.module
  const wanted = onlyFrames ?? Array.from({ length: count }, (_, i) => i)
  const frames: DicomFrameAnalysis[] = []
  for (const frame of wanted) {
    let rendered: Rendered
    try {
      rendered = await renderDicomFrame(image, frame)
    } catch (error) {
      if (count > 1 && error instanceof Error && 'reason' in error) {
        ;(error as { reason: string }).reason = `${(error as { reason: string }).reason} (frame ${frame + 1} of ${count})`
      }
      throw error
    }
    const thumbnail = await renderedToSharp(rendered)
      .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
      .webp(webp)
      .toBuffer()
    frames.push({ frame, width: columns, height: rows, contentHash: frameContentHash(fileHash, frame), thumbnail })
  }
  return { identity: image.identity, frames }
}
