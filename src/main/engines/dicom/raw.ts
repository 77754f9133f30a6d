import { dicomDecoder } from './decoder'

/**
 * One monochrome frame's values after the modality rescale (HU for CT), as little-endian float32 row by row: what
 * the viewer applies its own window/level to. Null for colour and palette images, whose pixels are shown as they are.
 * Decoded in a worker thread.
 */
export function rawFrameBytes(path: string, frame: number): Promise<Buffer | null> {
  return dicomDecoder.modalityValues(path, frame)
}
