import { DicomError } from '../errors'

/**
 * RLE Lossless (PS3.5 Annex G). A frame is a 64-byte header (segment count, then up to 15 offsets) followed by
 * PackBits-coded segments: one per byte of each sample, most significant byte first, samples in order. Returns the
 * frame as native little endian samples, colour samples interleaved.
 */
export function decodeRle(
  frame: Uint8Array,
  size: { rows: number; columns: number; samplesPerPixel: number; bitsAllocated: number },
): Uint8Array {
  const { rows, columns, samplesPerPixel, bitsAllocated } = size
  const pixels = rows * columns
  const bytesPerSample = bitsAllocated / 8
  if (!Number.isInteger(bytesPerSample) || bytesPerSample < 1) {
    throw new DicomError(`unsupported RLE image (${bitsAllocated} bits allocated)`)
  }
  if (frame.length < 64) throw new DicomError('truncated or corrupt DICOM file: RLE frame header ends early')
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const segments = view.getUint32(0, true)
  const expected = samplesPerPixel * bytesPerSample
  if (segments !== expected) {
    throw new DicomError(`truncated or corrupt DICOM file: RLE frame has ${segments} segments, expected ${expected}`)
  }
  const offsets: number[] = []
  for (let i = 0; i < segments; i += 1) offsets.push(view.getUint32(4 + i * 4, true))
  const out = new Uint8Array(pixels * samplesPerPixel * bytesPerSample)
  const stride = samplesPerPixel * bytesPerSample
  for (let segment = 0; segment < segments; segment += 1) {
    const start = offsets[segment]!
    const end = segment + 1 < segments ? offsets[segment + 1]! : frame.length
    if (start < 64 || start > frame.length || end < start || end > frame.length) {
      throw new DicomError('truncated or corrupt DICOM file: RLE segment offset outside the frame')
    }
    const sample = Math.floor(segment / bytesPerSample)
    // Segments run from the most significant byte; little endian output puts that byte last.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample)
    unpackBits(frame, start, end, out, sample * bytesPerSample + byteInSample, stride, pixels)
  }
  return out
}

function unpackBits(
  input: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  first: number,
  stride: number,
  count: number,
): void {
  let i = start
  let written = 0
  let o = first
  while (written < count && i < end) {
    const header = input[i++]!
    if (header < 128) {
      const n = Math.min(header + 1, count - written, end - i)
      for (let k = 0; k < n; k += 1, o += stride) out[o] = input[i + k]!
      i += header + 1
      written += n
    } else if (header > 128) {
      if (i >= end) break
      const value = input[i++]!
      const n = Math.min(257 - header, count - written)
      for (let k = 0; k < n; k += 1, o += stride) out[o] = value
      written += n
    }
  }
  if (written < count) throw new DicomError('truncated or corrupt DICOM file: RLE segment ends early')
}
