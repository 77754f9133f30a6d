import { dicomCache, decodeDicomFrame } from './image'
import { modalityValues } from './window'

/**
 * One monochrome frame's values after the modality rescale (HU for CT), as little-endian float32 row by row: what
 * the viewer applies its own window/level to. Null for colour and palette images, whose pixels are shown as they are.
 */
export async function rawFrameBytes(path: string, frame: number): Promise<Buffer | null> {
  const image = await dicomCache.open(path)
  if (image.module.samplesPerPixel !== 1 || image.module.palette) return null
  const { decoded, params } = await decodeDicomFrame(image, frame)
  if (decoded.kind !== 'values') return null
  const values = Float32Array.from(modalityValues(decoded.values, params))
  const out = Buffer.alloc(values.length * 4)
  for (let i = 0; i < values.length; i += 1) out.writeFloatLE(values[i]!, i * 4)
  return out
}
