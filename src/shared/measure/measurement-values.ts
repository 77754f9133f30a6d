import type { DicomPixelSpacing, MeasurementKind, MeasurementPoint, MeasurementValues } from '../api/schemas'

/** What measuring needs of an image: its size, its values (monochrome, rescaled; null for colour) and its spacing. */
export interface MeasuredImage {
  width: number
  height: number
  values: Float32Array | null
  pixelSpacing: DicomPixelSpacing | null
  /** The values' unit (DicomFrameInfo.units). */
  units: string | null
}

/**
 * A measurement's values on its image. The reader calls it while a measurement is drawn and the services when they
 * list or export measurements, so the two always agree. Pixel (column, row) covers [column, column + 1) ×
 * [row, row + 1); an area counts the pixels whose centres lie inside it. SD is the population's (divided by n), as
 * viewers report it.
 */
export function measurementValues(kind: MeasurementKind, points: readonly MeasurementPoint[], image: MeasuredImage): MeasurementValues {
  const spacing = image.pixelSpacing
  // Column spacing scales x, row spacing y; without a spacing everything is in pixels.
  const sx = spacing?.column ?? 1
  const sy = spacing?.row ?? 1
  const lengthUnit = spacing ? 'mm' : 'px'
  const base: MeasurementValues = { kind, lengthUnit, lengths: [], area: null, angleDegrees: null, stats: null, valueUnit: image.units, note: spacingNote(spacing) }
  const point = (index: number): MeasurementPoint => {
    const found = points[index]
    if (!found) throw new RangeError(`A ${kind} measurement needs ${index + 1} points or more; it has ${points.length}.`)
    return found
  }
  const [a, b] = [point(0), point(1)]
  switch (kind) {
    case 'length': {
      return { ...base, lengths: [Math.hypot((b.x - a.x) * sx, (b.y - a.y) * sy)] }
    }
    case 'angle': {
      const vertex = b
      const c = point(2)
      const first: [number, number] = [(a.x - vertex.x) * sx, (a.y - vertex.y) * sy]
      const second: [number, number] = [(c.x - vertex.x) * sx, (c.y - vertex.y) * sy]
      const norms = Math.hypot(...first) * Math.hypot(...second)
      // An arm of no length has no direction: no angle rather than a made-up 0°.
      if (norms === 0) return { ...base, note: 'An arm of this angle has no length: move its end away from the vertex.' }
      const cosine = (first[0] * second[0] + first[1] * second[1]) / norms
      const angleDegrees = (Math.acos(Math.min(1, Math.max(-1, cosine))) * 180) / Math.PI
      // An angle's value does not depend on the unit, only on the spacing's aspect, so it needs no note.
      return { ...base, angleDegrees, note: null }
    }
    case 'rectangle':
    case 'ellipse': {
      const width = Math.abs(b.x - a.x) * sx
      const height = Math.abs(b.y - a.y) * sy
      const area = kind === 'rectangle' ? width * height : (Math.PI * width * height) / 4
      return { ...base, lengths: [width, height], area, stats: regionStats(kind, a, b, image) }
    }
  }
}

function spacingNote(spacing: DicomPixelSpacing | null): string | null {
  if (!spacing) return 'No pixel spacing in this image: lengths and areas are in pixels.'
  if (spacing.source === 'ImagerPixelSpacing') {
    return 'Spacing from Imager Pixel Spacing (at the detector): sizes in the patient are smaller by the magnification.'
  }
  return null
}

function regionStats(kind: 'rectangle' | 'ellipse', a: MeasurementPoint, b: MeasurementPoint, image: MeasuredImage): MeasurementValues['stats'] {
  const { values, width, height } = image
  if (!values) return null
  const left = Math.min(a.x, b.x)
  const right = Math.max(a.x, b.x)
  const top = Math.min(a.y, b.y)
  const bottom = Math.max(a.y, b.y)
  const centreX = (left + right) / 2
  const centreY = (top + bottom) / 2
  const radiusX = (right - left) / 2
  const radiusY = (bottom - top) / 2
  let count = 0
  let sum = 0
  let sumSquares = 0
  let min = Infinity
  let max = -Infinity
  // Only pixels whose centre (column + 0.5, row + 0.5) can be inside: the rows and columns the region spans.
  const firstColumn = Math.max(0, Math.ceil(left - 0.5))
  const lastColumn = Math.min(width - 1, Math.floor(right - 0.5))
  const firstRow = Math.max(0, Math.ceil(top - 0.5))
  const lastRow = Math.min(height - 1, Math.floor(bottom - 0.5))
  for (let row = firstRow; row <= lastRow; row++) {
    const dy = radiusY === 0 ? 0 : (row + 0.5 - centreY) / radiusY
    for (let column = firstColumn; column <= lastColumn; column++) {
      if (kind === 'ellipse') {
        const dx = radiusX === 0 ? 0 : (column + 0.5 - centreX) / radiusX
        if (dx * dx + dy * dy > 1) continue
      }
      const value = values[row * width + column] ?? 0
      count++
      sum += value
      sumSquares += value * value
      if (value < min) min = value
      if (value > max) max = value
    }
  }
  if (count === 0) return null
  const mean = sum / count
  const variance = Math.max(0, sumSquares / count - mean * mean)
  return { mean, sd: Math.sqrt(variance), min, max, pixels: count }
}
