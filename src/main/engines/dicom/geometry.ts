import type { DataSet } from './dicom-parser'
import { firstItem, numbersOf, stringOf, type FrameParameters } from './image-module'
import type { DicomFile } from './parse'

export type Vector3 = [number, number, number]
export type Orientation = [number, number, number, number, number, number]

export interface PixelSpacing {
  /** Millimetres between adjacent rows (vertical). */
  row: number
  /** Millimetres between adjacent columns (horizontal). */
  column: number
  source: 'PixelSpacing' | 'ImagerPixelSpacing'
}

/** Where one frame lies in the patient and how large its pixels are, as the file (or its functional groups) says. */
export interface FrameGeometry {
  pixelSpacing: PixelSpacing | null
  position: Vector3 | null
  orientation: Orientation | null
  sliceLocation: number | null
  sliceThickness: number | null
  frameOfReferenceUid: string | null
  /** Time from this frame to the next when the file is played as a loop. */
  frameTimeMs: number | null
}

/**
 * The data sets a frame's attribute may come from, most specific first: the frame's own functional group item, the
 * shared one (enhanced multi-frame objects), then the data set itself.
 */
function functionalSources(dataset: DataSet, frame: number, sequence: string): DataSet[] {
  const perFrame = firstItem(dataset, 'PerFrameFunctionalGroupsSequence', frame)
  const shared = firstItem(dataset, 'SharedFunctionalGroupsSequence')
  return [perFrame, shared]
    .map((group) => (group ? firstItem(group, sequence) : null))
    .filter((item): item is DataSet => item !== null)
}

function firstNumbers(sources: readonly DataSet[], keyword: string, count: number): number[] | null {
  for (const source of sources) {
    const values = numbersOf(source, keyword)
    if (values.length >= count) return values.slice(0, count)
  }
  return null
}

function positiveOrNull(value: number | undefined): number | null {
  return value !== undefined && value > 0 ? value : null
}

function spacingFrom(sources: readonly DataSet[], dataset: DataSet): PixelSpacing | null {
  const valid = (values: number[] | null) => values !== null && values.every((v) => v > 0)
  const spacing = firstNumbers(sources, 'PixelSpacing', 2)
  if (valid(spacing)) return { row: spacing![0]!, column: spacing![1]!, source: 'PixelSpacing' }
  const imager = firstNumbers([dataset], 'ImagerPixelSpacing', 2)
  if (valid(imager)) return { row: imager![0]!, column: imager![1]!, source: 'ImagerPixelSpacing' }
  return null
}

/** A unit-length orientation pair, or null for a missing or degenerate one. */
function orientationOf(values: number[] | null): Orientation | null {
  if (!values) return null
  const rowLength = Math.hypot(values[0]!, values[1]!, values[2]!)
  const columnLength = Math.hypot(values[3]!, values[4]!, values[5]!)
  if (rowLength < 1e-6 || columnLength < 1e-6) return null
  return [
    values[0]! / rowLength,
    values[1]! / rowLength,
    values[2]! / rowLength,
    values[3]! / columnLength,
    values[4]! / columnLength,
    values[5]! / columnLength,
  ]
}

/** The normal of the plane an orientation spans (row × column), unit length. */
export function sliceNormal(orientation: Orientation): Vector3 {
  const [rx, ry, rz, cx, cy, cz] = orientation
  const normal: Vector3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx]
  const length = Math.hypot(...normal)
  return length < 1e-6 ? normal : [normal[0] / length, normal[1] / length, normal[2] / length]
}

/**
 * An RT dose grid's frames are planes at GridFrameOffsetVector's offsets along the normal (relative to the first
 * plane when its first entry is 0, absolute otherwise, which for a consistent file comes to the same).
 */
function gridFramePosition(dataset: DataSet, frame: number, position: Vector3, orientation: Orientation | null): Vector3 | null {
  const offsets = numbersOf(dataset, 'GridFrameOffsetVector')
  if (offsets.length <= frame || !orientation) return null
  const along = offsets[frame]! - offsets[0]!
  const normal = sliceNormal(orientation)
  return [position[0] + along * normal[0], position[1] + along * normal[1], position[2] + along * normal[2]]
}

/**
 * The time between frames: FrameTime, else this frame's entry of FrameTimeVector (whose first entry is 0, so the first
 * frame takes the second's), else the cine or display rate as 1000 / rate.
 */
function frameTimeOf(dataset: DataSet, frame: number): number | null {
  const [frameTime] = numbersOf(dataset, 'FrameTime')
  if (positiveOrNull(frameTime)) return frameTime!
  const vector = numbersOf(dataset, 'FrameTimeVector')
  const fromVector = positiveOrNull(vector[frame === 0 ? 1 : frame])
  if (fromVector) return fromVector
  for (const keyword of ['CineRate', 'RecommendedDisplayFrameRate']) {
    const rate = positiveOrNull(numbersOf(dataset, keyword)[0])
    if (rate) return 1000 / rate
  }
  return null
}

/** The geometry of one frame: its functional groups first (enhanced multi-frame objects), then the file's tags. */
export function frameGeometry(file: DicomFile, frame: number): FrameGeometry {
  const { dataset } = file
  const measures = functionalSources(dataset, frame, 'PixelMeasuresSequence')
  const planePositions = functionalSources(dataset, frame, 'PlanePositionSequence')
  const planeOrientations = functionalSources(dataset, frame, 'PlaneOrientationSequence')
  const frames = Math.max(1, Math.trunc(numbersOf(dataset, 'NumberOfFrames')[0] ?? 1))

  const orientation = orientationOf(firstNumbers([...planeOrientations, dataset], 'ImageOrientationPatient', 6))
  const ownPosition = firstNumbers(planePositions, 'ImagePositionPatient', 3) as Vector3 | null
  const filePosition = firstNumbers([dataset], 'ImagePositionPatient', 3) as Vector3 | null
  let position = ownPosition
  if (!position && filePosition) position = frames > 1 ? gridFramePosition(dataset, frame, filePosition, orientation) : filePosition
  // A multi-frame file's SliceLocation cannot tell its frames apart.
  const [location] = frames === 1 ? numbersOf(dataset, 'SliceLocation') : []
  const [thickness] = firstNumbers([...measures, dataset], 'SliceThickness', 1) ?? []
  return {
    pixelSpacing: spacingFrom([...measures, dataset], dataset),
    position,
    orientation,
    sliceLocation: location ?? null,
    sliceThickness: positiveOrNull(thickness),
    frameOfReferenceUid: stringOf(dataset, 'FrameOfReferenceUID'),
    frameTimeMs: frameTimeOf(dataset, frame),
  }
}

/**
 * The unit of a frame's values as people write it: HU on CT, the file's RescaleType (unless "US", unspecified), a dose
 * unit, or the Units of a PET image; null for values without one (most MR) and for colour images.
 */
export function valueUnits(file: DicomFile, params: FrameParameters, monochrome: boolean): string | null {
  if (!monochrome) return null
  const units = params.units && params.units.toUpperCase() !== 'US' ? params.units : null
  return units ?? stringOf(file.dataset, 'Units')
}
