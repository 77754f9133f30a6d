import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeDicomFrame, openDicomImage } from '../../src/main/engines/dicom'
import { modalityValues } from '../../src/main/engines/dicom/window'
import type { DicomPixelSpacing } from '../../src/shared/api/schemas'
import { measurementValues, type MeasuredImage } from '../../src/shared/measure/measurement-values'
import { SHARED_DATA } from '../support/paths'

/** CT_small.dcm's PixelSpacing, read from the file with a DICOM dump: 0.661468\0.661468 mm. */
const CT_SMALL_SPACING = 0.661468

async function ctSmall(): Promise<MeasuredImage> {
  const image = openDicomImage(await readFile(join(SHARED_DATA, 'dicom', 'CT_small.dcm')))
  const { decoded, params } = await decodeDicomFrame(image, 0)
  if (decoded.kind !== 'values') throw new Error('CT_small should be monochrome')
  const values = Float32Array.from(modalityValues(decoded.values, params))
  return {
    width: image.module.columns,
    height: image.module.rows,
    values,
    pixelSpacing: { row: CT_SMALL_SPACING, column: CT_SMALL_SPACING, source: 'PixelSpacing' },
    units: 'HU',
  }
}

/** A width × height image whose value at (column, row) is row * 100 + column: a pixel's value names it. */
function namedPixels(width: number, height: number, pixelSpacing: DicomPixelSpacing | null = null): MeasuredImage {
  const values = new Float32Array(width * height)
  for (let row = 0; row < height; row++) for (let column = 0; column < width; column++) values[row * width + column] = row * 100 + column
  return { width, height, values, pixelSpacing, units: null }
}

describe('measurementValues on CT_small', () => {
  it('measures a length in millimetres from the pixel spacing', async () => {
    const image = await ctSmall()
    // 30 columns right and 40 rows down: a 3-4-5 triangle, 50 pixels of 0.661468 mm.
    const values = measurementValues('length', [{ x: 20.5, y: 30.5 }, { x: 50.5, y: 70.5 }], image)
    expect(values.lengthUnit).toBe('mm')
    expect(values.lengths[0]).toBeCloseTo(33.0734, 4)
    expect(values.note).toBeNull()
  })

  it('gives the mean, SD, min and max of the Hounsfield units of exactly the pixels inside a rectangle', async () => {
    const image = await ctSmall()
    // Corners on pixel edges: columns 40..59 and rows 60..69, 200 pixels.
    const values = measurementValues('rectangle', [{ x: 40, y: 60 }, { x: 60, y: 70 }], image)
    const inside: number[] = []
    for (let row = 60; row < 70; row++) for (let column = 40; column < 60; column++) inside.push(image.values![row * 128 + column]!)
    const mean = inside.reduce((sum, value) => sum + value, 0) / inside.length
    const sd = Math.sqrt(inside.reduce((sum, value) => sum + (value - mean) ** 2, 0) / inside.length)
    expect(values.stats).toMatchObject({ pixels: 200, min: Math.min(...inside), max: Math.max(...inside) })
    expect(values.stats!.mean).toBeCloseTo(mean, 6)
    expect(values.stats!.sd).toBeCloseTo(sd, 6)
    expect(values.valueUnit).toBe('HU')
    expect(values.lengths[0]).toBeCloseTo(20 * CT_SMALL_SPACING, 6)
    expect(values.area).toBeCloseTo(200 * CT_SMALL_SPACING ** 2, 6)
  })
})

describe('measurementValues', () => {
  it('counts the pixels whose centres lie inside: all 16 of a 4×4 rectangle, 12 of the ellipse inscribed in it', () => {
    const image = namedPixels(10, 10)
    const rectangle = measurementValues('rectangle', [{ x: 2, y: 3 }, { x: 6, y: 7 }], image)
    const ellipse = measurementValues('ellipse', [{ x: 6, y: 7 }, { x: 2, y: 3 }], image)
    expect(rectangle.stats?.pixels).toBe(16)
    // The four corner pixels' centres are 0.75 of each radius from the centre on both axes: 0.5625 * 2 > 1, outside.
    expect(ellipse.stats?.pixels).toBe(12)
    expect(ellipse.stats?.min).toBe(303)
    expect(ellipse.stats?.max).toBe(604)
    expect(ellipse.area).toBeCloseTo(Math.PI * 4, 10)
    expect(rectangle.area).toBe(16)
  })

  it('measures in pixels and says so when the image has no spacing', () => {
    const values = measurementValues('length', [{ x: 0, y: 0 }, { x: 3, y: 4 }], namedPixels(10, 10))
    expect(values).toMatchObject({ lengths: [5], lengthUnit: 'px' })
    expect(values.note).toMatch(/no pixel spacing/i)
  })

  it('scales columns by the column spacing and rows by the row spacing', () => {
    const spacing: DicomPixelSpacing = { row: 2, column: 0.5, source: 'PixelSpacing' }
    const across = measurementValues('length', [{ x: 0, y: 0 }, { x: 4, y: 0 }], namedPixels(10, 10, spacing))
    const down = measurementValues('length', [{ x: 0, y: 0 }, { x: 0, y: 4 }], namedPixels(10, 10, spacing))
    expect(across.lengths).toEqual([2])
    expect(down.lengths).toEqual([8])
  })

  it('notes that Imager Pixel Spacing is at the detector', () => {
    const spacing: DicomPixelSpacing = { row: 0.1, column: 0.1, source: 'ImagerPixelSpacing' }
    expect(measurementValues('length', [{ x: 0, y: 0 }, { x: 0, y: 10 }], namedPixels(10, 10, spacing)).note).toMatch(/detector/)
  })

  it('measures angles of 90° and 45°, in the patient when rows and columns are spaced differently', () => {
    const image = namedPixels(10, 10)
    const right = measurementValues('angle', [{ x: 8, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 8 }], image)
    const half = measurementValues('angle', [{ x: 8, y: 1 }, { x: 1, y: 1 }, { x: 8, y: 8 }], image)
    expect(right.angleDegrees).toBeCloseTo(90, 10)
    expect(half.angleDegrees).toBeCloseTo(45, 10)
    // One pixel right and one down is 1 mm right and 2 mm down: atan(2) from the horizontal arm.
    const stretched = { ...image, pixelSpacing: { row: 2, column: 1, source: 'PixelSpacing' as const } }
    const slanted = measurementValues('angle', [{ x: 2, y: 0 }, { x: 0, y: 0 }, { x: 1, y: 1 }], stretched)
    expect(slanted.angleDegrees).toBeCloseTo((Math.atan(2) * 180) / Math.PI, 10)
  })

  it('gives no angle for an arm of no length, and says why', () => {
    const values = measurementValues('angle', [{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 5, y: 1 }], namedPixels(10, 10))
    expect(values.angleDegrees).toBeNull()
    expect(values.note).toMatch(/arm/)
  })

  it('gives no statistics on a colour image, only sizes', () => {
    const values = measurementValues('rectangle', [{ x: 0, y: 0 }, { x: 4, y: 4 }], { ...namedPixels(10, 10), values: null })
    expect(values.stats).toBeNull()
    expect(values.area).toBe(16)
  })
})
