import { createRequire } from 'node:module'
import type { DicomMeasurementRow } from '../../../shared/api/schemas'
import { dicomFrameSharp } from '../../engines/dicom/raster'
import type { Window } from '../../engines/dicom/window'
import { measurementsSvg } from './burn-in'

const requireHere = createRequire(import.meta.url)

export interface PngView {
  window: Window | undefined
  /** The viewer's invert, on top of MONOCHROME1's own. */
  invert: boolean
  /** Drawn into the picture with their values; none to leave its pixels as rendered. */
  measurements: readonly DicomMeasurementRow[]
}

/** One frame as the reader shows it: its window, inverted or not, with its measurements burnt in when asked. */
export async function exportedPng(path: string, frame: number, view: PngView): Promise<Buffer> {
  let picture = await dicomFrameSharp({ path }, frame, view.window)
  if (view.invert) picture = picture.negate({ alpha: false })
  if (view.measurements.length === 0) return picture.png().toBuffer()
  // Composited onto the finished (windowed, inverted) picture, so the drawing itself is never inverted.
  const { data, info } = await picture.raw().toBuffer({ resolveWithObject: true })
  const svg = Buffer.from(measurementsSvg(info.width, info.height, view.measurements))
  // Loaded here, not with the module: the CLI's other commands never need it (see engines/imaging/open.ts).
  const sharp = requireHere('sharp') as typeof import('sharp').default
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .composite([{ input: svg, top: 0, left: 0 }])
    .toColourspace('srgb')
    .png()
    .toBuffer()
}
