import { decodeSequentialJpeg, readJpegFrameHeader } from './codecs/jpeg-sequential'
import { decodeJpegLossless } from './codecs/jpeg-lossless'
import { decodeRle } from './codecs/rle'
import { charls, libjpegTurbo, openjpeg } from './codecs/wasm'
import { DicomError } from './errors'
import { encapsulatedFrame } from './fragments'
import type { ImageModule } from './image-module'
import type { DicomFile } from './parse'

/** Stored values of a one-sample frame (masked to Bits Stored, signed where Pixel Representation says). */
export type StoredValues = Int32Array | Uint32Array | Float32Array | Float64Array

/** One decoded frame: stored values for monochrome and palette images, 8-bit RGB for colour ones. */
export type DecodedFrame =
  | { kind: 'values'; width: number; height: number; values: StoredValues }
  | { kind: 'rgb'; width: number; height: number; rgb: Uint8Array }

type Samples = Uint8Array | Uint16Array | Int16Array | Uint32Array | Float32Array | Float64Array

interface RawSamples {
  samples: Samples
  /** Colour samples stored plane by plane rather than pixel by pixel. */
  planar: boolean
  /** Already signed (the codec applied the sign), so no sign extension from Bits Stored is needed. */
  signedAlready: boolean
  /** Colour already converted to RGB by the codec. */
  rgbAlready: boolean
  /** Native YBR_FULL_422: two luminance samples share one pair of chrominance samples. */
  subsampled422: boolean
}

/** Decodes one frame (0-based). Throws a DicomError with a reason for unsupported or damaged pixel data. */
export async function decodeFrame(file: DicomFile, module: ImageModule, frame: number): Promise<DecodedFrame> {
  if (!Number.isInteger(frame) || frame < 0 || frame >= module.frames) {
    throw new DicomError(`frame ${frame + 1} does not exist (the file has ${module.frames})`)
  }
  const { encoding, name } = file.syntax
  if (encoding === 'unsupported') throw new DicomError(`unsupported DICOM transfer syntax (${name})`)
  const raw = encoding === 'native' ? nativeSamples(file, module, frame) : await compressedSamples(file, module, frame)
  return toFrame(raw, module)
}

function nativeSamples(file: DicomFile, module: ImageModule, frame: number): RawSamples {
  const { rows, columns, samplesPerPixel, bitsAllocated, photometric } = module
  const element = module.pixelData
  const pixels = rows * columns
  const subsampled422 = photometric === 'YBR_FULL_422' && bitsAllocated === 8
  const available = Math.max(0, Math.min(element.length, file.bytes.length - element.dataOffset))
  const data = file.bytes.subarray(element.dataOffset, element.dataOffset + available)
  const base = { planar: module.planarConfiguration === 1, signedAlready: false, rgbAlready: false, subsampled422 }
  if (element.hadUndefinedLength || (element as { encapsulatedPixelData?: boolean }).encapsulatedPixelData) {
    throw new DicomError('corrupt DICOM file: compressed pixel data in an uncompressed transfer syntax')
  }
  if (bitsAllocated === 1) {
    const bitsPerFrame = pixels * samplesPerPixel
    const firstBit = frame * bitsPerFrame
    if (Math.ceil((firstBit + bitsPerFrame) / 8) > data.length) throw pixelDataEndsEarly(frame, module)
    const bytes = swapIfNeeded(file, element.vr, data.subarray(firstBit >> 3, Math.ceil((firstBit + bitsPerFrame) / 8) + 1), 1)
    const out = new Uint8Array(bitsPerFrame)
    const shift = firstBit & 7
    for (let i = 0; i < bitsPerFrame; i += 1) {
      const bit = i + shift
      out[i] = ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1
    }
    return { ...base, samples: out }
  }
  const bytesPerSample = bitsAllocated / 8
  const frameBytes = subsampled422 ? pixels * 2 : pixels * samplesPerPixel * bytesPerSample
  const start = frame * frameBytes
  if (start + frameBytes > data.length) throw pixelDataEndsEarly(frame, module)
  const bytes = data.subarray(start, start + frameBytes)
  return { ...base, samples: typedSamples(swapIfNeeded(file, element.vr, bytes, bitsAllocated), bitsAllocated, module, file.littleEndian) }
}

function pixelDataEndsEarly(frame: number, module: ImageModule): DicomError {
  const which = module.frames > 1 ? ` (frame ${frame + 1} of ${module.frames})` : ''
  return new DicomError(`truncated DICOM file: pixel data ends early${which}`)
}

/** In explicit big endian, 8-bit (and 1-bit) samples in an OW element are byte-swapped in 16-bit words (PS3.5 §8.1.1). */
function swapIfNeeded(file: DicomFile, vr: string | undefined, bytes: Uint8Array, bitsAllocated: number): Uint8Array {
  if (file.littleEndian || bitsAllocated > 8 || vr !== 'OW') return bytes
  const out = new Uint8Array(bytes.length)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!
    out[i + 1] = bytes[i]!
  }
  if (bytes.length % 2) out[bytes.length - 1] = bytes[bytes.length - 1]!
  return out
}

function typedSamples(bytes: Uint8Array, bitsAllocated: number, module: ImageModule, littleEndian: boolean): Samples {
  if (bitsAllocated === 8) return bytes
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (module.float === 'OD') {
    const out = new Float64Array(bytes.length / 8)
    for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat64(i * 8, littleEndian)
    return out
  }
  if (module.float === 'OF') {
    const out = new Float32Array(bytes.length / 4)
    for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4, littleEndian)
    return out
  }
  if (bitsAllocated === 16) {
    const out = new Uint16Array(bytes.length / 2)
    for (let i = 0; i < out.length; i += 1) out[i] = view.getUint16(i * 2, littleEndian)
    return out
  }
  const out = new Uint32Array(bytes.length / 4)
  for (let i = 0; i < out.length; i += 1) out[i] = view.getUint32(i * 4, littleEndian)
  return out
}

async function compressedSamples(file: DicomFile, module: ImageModule, frame: number): Promise<RawSamples> {
  const { encoding } = file.syntax
  const codestream = encapsulatedFrame(file, module.pixelData, module.frames, frame, encoding)
  const base = { planar: false, signedAlready: false, rgbAlready: false, subsampled422: false }
  if (encoding === 'rle') {
    const bytes = decodeRle(codestream, module)
    return { ...base, samples: typedSamples(bytes, module.bitsAllocated, module, true) }
  }
  if (encoding === 'jpeg-ls') {
    const { info, data, interleaveMode } = await charls.decode(codestream)
    checkSize(info, module)
    return { ...base, planar: interleaveMode === 0 && module.samplesPerPixel === 3, samples: codecSamples(data, info.bitsPerSample, false) }
  }
  if (encoding === 'jpeg-2000') {
    const { info, data } = await openjpeg.decode(jpeg2000Codestream(codestream))
    checkSize(info, module)
    const signed = info.isSigned === true
    return { ...base, signedAlready: signed, rgbAlready: module.photometric === 'YBR_ICT' || module.photometric === 'YBR_RCT', samples: codecSamples(data, info.bitsPerSample, signed) }
  }
  // The JPEG processes: baseline, extended and lossless, each identified by its frame header.
  const header = readJpegFrameHeader(codestream)
  if (!header) throw new DicomError('truncated or corrupt DICOM file: JPEG data has no frame header')
  checkSize({ width: header.width, height: header.height, componentCount: header.componentIds.length }, module)
  if (header.sof === 0xc3) return { ...base, samples: decodeJpegLossless(codestream, module.bitsAllocated) }
  if (header.sof !== 0xc0 && header.sof !== 0xc1) {
    throw new DicomError(`unsupported JPEG process (SOF${(header.sof - 0xc0).toString(16)}) in ${file.syntax.name}`)
  }
  if (header.precision === 8) {
    // Components numbered 1, 2, 3 follow the JFIF convention (YCbCr) whatever the header says; GDCM writes such files.
    const jfifIds = header.componentIds.join() === '1,2,3'
    const stream = module.photometric === 'RGB' && header.componentIds.length === 3 && !jfifIds ? markedAsRgb(codestream) : codestream
    const { info, data } = await libjpegTurbo.decode(stream)
    checkSize(info, module)
    return { ...base, rgbAlready: true, samples: data }
  }
  const decoded = decodeSequentialJpeg(codestream)
  const count = decoded.planes.length
  const samples = new Uint16Array(decoded.width * decoded.height * count)
  for (let c = 0; c < count; c += 1) {
    const plane = decoded.planes[c]!
    for (let i = 0; i < plane.length; i += 1) samples[i * count + c] = plane[i]!
  }
  const raw = { ...base, samples, rgbAlready: count === 3 && !decoded.ycbcr }
  if (count === 3 && decoded.ycbcr) return { ...raw, samples: ycbcrToRgb(samples, decoded.precision), rgbAlready: true }
  return raw
}

/**
 * libjpeg takes a three-component JPEG without a JFIF or Adobe marker for YCbCr unless its components are named R, G
 * and B. When the DICOM header says the JPEG holds RGB (PS3.5 A.4.1), a copy with those names decodes without the
 * colour transform.
 */
function markedAsRgb(codestream: Uint8Array): Uint8Array {
  const segments: { marker: number; at: number; length: number }[] = []
  let pos = 2
  while (pos + 4 <= codestream.length && codestream[pos] === 0xff) {
    const marker = codestream[pos + 1]!
    if (marker === 0xff) {
      pos += 1
      continue
    }
    const length = (codestream[pos + 2]! << 8) | codestream[pos + 3]!
    segments.push({ marker, at: pos + 4, length })
    if (marker === 0xda) break
    pos += 2 + length
  }
  const text = (at: number, n: number) => String.fromCharCode(...codestream.subarray(at, at + n))
  const jfif = segments.some((s) => s.marker === 0xe0 && text(s.at, 4) === 'JFIF')
  const adobe = segments.some((s) => s.marker === 0xee && text(s.at, 5) === 'Adobe')
  const sof = segments.find((s) => s.marker === 0xc0 || s.marker === 0xc1)
  const sos = segments.find((s) => s.marker === 0xda)
  if (jfif || adobe || !sof || !sos) return codestream
  const copy = new Uint8Array(codestream)
  const rename = new Map<number, number>()
  const names = [0x52, 0x47, 0x42]
  for (let i = 0; i < 3; i += 1) {
    const at = sof.at + 6 + i * 3
    if (at >= copy.length) return codestream
    rename.set(copy[at]!, names[i]!)
    copy[at] = names[i]!
  }
  const count = copy[sos.at] ?? 0
  for (let i = 0; i < count; i += 1) {
    const at = sos.at + 1 + i * 2
    const renamed = rename.get(copy[at]!)
    if (renamed !== undefined) copy[at] = renamed
  }
  return copy
}

function checkSize(info: { width: number; height: number; componentCount: number }, module: ImageModule): void {
  if (info.width !== module.columns || info.height !== module.rows || info.componentCount !== module.samplesPerPixel) {
    throw new DicomError(
      `corrupt DICOM file: compressed frame is ${info.width}×${info.height}×${info.componentCount}, the header says ` +
        `${module.columns}×${module.rows}×${module.samplesPerPixel}`,
    )
  }
}

function codecSamples(data: Uint8Array, bitsPerSample: number, signed: boolean): Samples {
  if (bitsPerSample <= 8) return data
  const aligned = data.byteOffset % 2 === 0 ? data : data.slice()
  return signed
    ? new Int16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1)
    : new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1)
}

/** A JPEG 2000 codestream, taken out of a JP2 file wrapper when a writer put one around it (GDCM once did). */
function jpeg2000Codestream(data: Uint8Array): Uint8Array {
  if (data[0] === 0xff && data[1] === 0x4f) return data
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let pos = 0
  while (pos + 8 <= data.length) {
    let length = view.getUint32(pos)
    const type = String.fromCharCode(...data.subarray(pos + 4, pos + 8))
    let header = 8
    if (length === 1 && pos + 16 <= data.length) {
      length = Number(view.getBigUint64(pos + 8))
      header = 16
    }
    if (length === 0) length = data.length - pos
    if (type === 'jp2c') return data.subarray(pos + header, Math.min(data.length, pos + length))
    if (length < header) break
    pos += length
  }
  return data
}

function ycbcrToRgb(samples: Samples, precision: number): Float64Array {
  const max = 2 ** precision - 1
  const mid = 2 ** (precision - 1)
  const out = new Float64Array(samples.length)
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = Number(samples[i])
    const cb = Number(samples[i + 1]) - mid
    const cr = Number(samples[i + 2]) - mid
    out[i] = clamp(Math.round(y + 1.402 * cr), max)
    out[i + 1] = clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr), max)
    out[i + 2] = clamp(Math.round(y + 1.772 * cb), max)
  }
  return out
}

const clamp = (value: number, max: number) => (value < 0 ? 0 : value > max ? max : value)

function toFrame(raw: RawSamples, module: ImageModule): DecodedFrame {
  const { rows: height, columns: width, samplesPerPixel } = module
  const pixels = width * height
  if (samplesPerPixel === 1) {
    if (raw.samples.length < pixels) throw new DicomError('truncated or corrupt DICOM file: decoded frame is too small')
    return { kind: 'values', width, height, values: storedValues(raw, module, pixels) }
  }
  let samples: Samples = raw.samples
  if (raw.subsampled422) samples = expand422(samples, pixels)
  else if (raw.planar) samples = interleave(samples, pixels)
  if (samples.length < pixels * 3) throw new DicomError('truncated or corrupt DICOM file: decoded frame is too small')
  const depth = module.bitsStored > 8 && !(samples instanceof Uint8Array) ? module.bitsStored : 8
  const ybr = !raw.rgbAlready && (module.photometric === 'YBR_FULL' || module.photometric === 'YBR_FULL_422' || module.photometric === 'YBR_PARTIAL_420')
  const full = ybr ? ycbcrToRgb(samples, depth) : samples
  const rgb = new Uint8Array(pixels * 3)
  const shift = depth - 8
  const max = depth >= 32 ? 2 ** 32 - 1 : 2 ** depth - 1
  for (let i = 0; i < pixels * 3; i += 1) {
    const value = Math.min(Number(full[i]), max)
    rgb[i] = shift > 0 ? Math.floor(value / 2 ** shift) : value
  }
  return { kind: 'rgb', width, height, rgb }
}

function storedValues(raw: RawSamples, module: ImageModule, pixels: number): StoredValues {
  const { samples } = raw
  if (samples instanceof Float32Array || samples instanceof Float64Array) return samples.slice(0, pixels)
  const { bitsStored, highBit, signed } = module
  const shift = highBit + 1 - bitsStored
  if (bitsStored === 32 && !signed) return Uint32Array.from(samples.subarray(0, pixels))
  const out = new Int32Array(pixels)
  if (raw.signedAlready || samples instanceof Int16Array) {
    for (let i = 0; i < pixels; i += 1) out[i] = samples[i]!
    return out
  }
  if (bitsStored === 32) {
    for (let i = 0; i < pixels; i += 1) out[i] = samples[i]! | 0
    return out
  }
  const mask = 2 ** bitsStored - 1
  const signBit = 2 ** (bitsStored - 1)
  const range = 2 ** bitsStored
  if (highBit < 31) {
    // The same with integer shifts and masks, several times faster on a 512² slice (samples here are below 2³¹).
    for (let i = 0; i < pixels; i += 1) {
      const v = (samples[i]! >>> shift) & mask
      out[i] = signed && v >= signBit ? v - range : v
    }
    return out
  }
  for (let i = 0; i < pixels; i += 1) {
    let v = Math.floor(samples[i]! / 2 ** shift) % (mask + 1)
    if (signed && v >= signBit) v -= range
    out[i] = v
  }
  return out
}

function interleave(samples: Samples, pixels: number): Samples {
  const out = new (samples.constructor as new (n: number) => Samples)(pixels * 3)
  for (let i = 0; i < pixels; i += 1) {
    out[i * 3] = samples[i]!
    out[i * 3 + 1] = samples[pixels + i]!
    out[i * 3 + 2] = samples[2 * pixels + i]!
  }
  return out
}

/** Native YBR_FULL_422 stores Y0 Y1 Cb Cr for each pair of pixels along a row. */
function expand422(samples: Samples, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels * 3)
  for (let pair = 0; pair * 2 < pixels; pair += 1) {
    const at = pair * 4
    const cb = Number(samples[at + 2] ?? 128)
    const cr = Number(samples[at + 3] ?? 128)
    for (let k = 0; k < 2 && pair * 2 + k < pixels; k += 1) {
      const o = (pair * 2 + k) * 3
      out[o] = Number(samples[at + k] ?? 0)
      out[o + 1] = cb
      out[o + 2] = cr
    }
  }
  return out
}
