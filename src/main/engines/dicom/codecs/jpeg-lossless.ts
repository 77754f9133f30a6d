import { createRequire } from 'node:module'
import { DicomError } from '../errors'

const { Decoder } = createRequire(import.meta.url)(
  '@cornerstonejs/jpeg-lossless-decoder-js',
) as typeof import('@cornerstonejs/jpeg-lossless-decoder-js')

/**
 * JPEG Lossless, Process 14 (1.2.840.10008.1.2.4.57 / .70), with Cornerstone's pure JavaScript decoder. Returns the
 * samples, interleaved for colour.
 */
export function decodeJpegLossless(frame: Uint8Array, bitsAllocated: number): Uint8Array | Uint16Array {
  const copy = new Uint8Array(frame)
  try {
    return new Decoder().decode(copy.buffer, 0, copy.byteLength, bitsAllocated <= 8 ? 1 : 2)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new DicomError(`truncated or corrupt DICOM file: JPEG lossless data cannot be decoded (${detail.split('\n')[0]})`)
  }
}
