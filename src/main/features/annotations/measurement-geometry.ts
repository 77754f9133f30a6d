import { ApiError } from '../../../shared/api/errors'
import { pointCountProblem, type MeasurementKind, type MeasurementPoint } from '../../../shared/api/schemas'

/**
 * How far outside the image a measurement's point may lie, as a share of the image's width (x) or height (y): a drag
 * that overshoots the edge a little still measures what it meant to, while a point far outside is a mistake. Points
 * are kept as given (never clamped), so the measurement's values are the ones the person saw while drawing it.
 */
export const OUTSIDE_MARGIN = 0.05

/** Refuses points of the wrong number for the kind, or far outside the image, with a sentence saying which. */
export function checkMeasurementPoints(kind: MeasurementKind, points: readonly MeasurementPoint[], width: number, height: number): void {
  const problem = pointCountProblem(kind, points.length)
  if (problem) throw new ApiError('bad_request', problem)
  const marginX = width * OUTSIDE_MARGIN
  const marginY = height * OUTSIDE_MARGIN
  points.forEach(({ x, y }, index) => {
    if (x < -marginX || x > width + marginX || y < -marginY || y > height + marginY) {
      throw new ApiError(
        'bad_request',
        `Point ${index + 1} of the ${kind} (x ${round(x)}, y ${round(y)}) lies outside the ${width}×${height} image; ` +
          'measurements are drawn on the image.',
      )
    }
  })
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
