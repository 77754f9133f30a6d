import type { MeasuredImage } from '../../../shared/measure/measurement-values'
import { frameGeometry, valueUnits } from '../../engines/dicom/geometry'
import { dicomCache } from '../../engines/dicom/image'
import { frameParameters } from '../../engines/dicom/image-module'
import { rawFrameBytes } from '../../engines/dicom/raw'
import { openImage } from '../../engines/imaging'
import type { StoredImage } from '../catalog'

/** An image as measurements are worked out on it; `unreadable` says why it has no values or spacing at the moment. */
export interface ImageToMeasure {
  image: MeasuredImage
  unreadable: string | null
}

/**
 * Reads once what an image's measurements need: a DICOM frame's modality values (HU on CT), decoded once, with the
 * spacing and unit its header gives (the engine functions dicom.frame reports them with); another picture's grey
 * levels (none for a colour one), in pixels. A file that cannot be read now (moved, damaged) still gives its
 * measurements' sizes in pixels, with the reason.
 */
export async function readImageToMeasure(stored: StoredImage, size: { width: number; height: number }): Promise<ImageToMeasure> {
  try {
    if (stored.format === 'dicom') {
      const { file, module } = await dicomCache.open(stored.path)
      const monochrome = module.samplesPerPixel === 1 && !module.palette
      const units = valueUnits(file, frameParameters(file, module, stored.frame), monochrome)
      const { pixelSpacing } = frameGeometry(file, stored.frame)
      const bytes = monochrome ? await rawFrameBytes(stored.path, stored.frame) : null
      return { image: { ...size, values: bytes && littleEndianFloats(bytes), pixelSpacing, units }, unreadable: null }
    }
    return { image: { ...size, values: await greyLevels(stored.path), pixelSpacing: null, units: null }, unreadable: null }
  } catch (error) {
    const reason = error instanceof Error ? ('reason' in error ? String(error.reason) : error.message) : String(error)
    return {
      image: { ...size, values: null, pixelSpacing: null, units: null },
      unreadable: `The file cannot be read now (${reason}): sizes are in pixels, without values.`,
    }
  }
}

function littleEndianFloats(bytes: Buffer): Float32Array {
  const values = new Float32Array(bytes.length / 4)
  for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(i * 4)
  return values
}

/** A grey picture's levels as displayed (orientation applied), the grey of grey + alpha; null for a colour one. */
async function greyLevels(path: string): Promise<Float32Array | null> {
  const picture = await openImage(path)
  // The file's own channels: sharp's raw output makes grey three channels unless asked for one.
  if ((await picture.metadata()).channels > 2) return null
  const { data, info } = await picture.extractChannel(0).raw().toBuffer({ resolveWithObject: true })
  const count = info.width * info.height
  // 16-bit pictures come out as native-endian 16-bit levels; copied first, as the buffer's offset may be odd.
  if (data.length === count * 2) return Float32Array.from(new Uint16Array(Uint8Array.from(data).buffer, 0, count))
  return Float32Array.from(data.subarray(0, count))
}
