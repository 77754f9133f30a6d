import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rawFrameBytes } from '../../../../src/main/engines/dicom/raw'
import { windowLevel } from '../../../../src/main/engines/dicom/window'
import {
  dragStep,
  draggedWindow,
  float32FromLittleEndian,
  formatValue,
  integerSpan,
  renderWindowed,
  type VoiFunction,
} from '../../../../src/renderer/src/annotate/dicom/windowing'
import { SHARED_DATA } from '../../../support/paths'

const DICOM_DIR = join(SHARED_DATA, 'dicom')

/** A frame's values exactly as the viewer receives them from `/raw/<id>`. */
async function viewerValues(file: string): Promise<Float32Array> {
  const bytes = await rawFrameBytes(join(DICOM_DIR, file), 0)
  if (!bytes) throw new Error(`${file} has no raw values`)
  return float32FromLittleEndian(Uint8Array.from(bytes).buffer)
}

/** The viewer's rendering, as the grey level of each pixel. */
function viewerGreys(
  values: Float32Array,
  window: { center: number; width: number },
  fn: VoiFunction,
  inverted: boolean,
  integers = integerSpan(values),
): Uint8Array {
  const pixels = new Uint8ClampedArray(values.length * 4)
  renderWindowed(values, new Uint32Array(pixels.buffer), window, fn, inverted, integers)
  const greys = new Uint8Array(values.length)
  let notGreyOrOpaque = 0
  for (let i = 0; i < values.length; i += 1) {
    const [r, g, b, a] = pixels.subarray(i * 4, i * 4 + 4)
    if (r !== g || g !== b || a !== 255) notGreyOrOpaque += 1
    greys[i] = r!
  }
  expect(notGreyOrOpaque).toBe(0)
  return greys
}

function compare(viewer: Uint8Array, server: Uint8Array): { largest: number; differing: number } {
  let largest = 0
  let differing = 0
  for (let i = 0; i < viewer.length; i += 1) {
    const difference = Math.abs(viewer[i]! - server[i]!)
    if (difference > 0) differing += 1
    largest = Math.max(largest, difference)
  }
  return { largest, differing }
}

describe('window/level in the viewer', () => {
  it('renders a CT slice as the main process renders its PNG, for every VOI function, inverted or not', async () => {
    const values = await viewerValues('CT_small.dcm')
    expect(integerSpan(values)).toEqual({ min: -896, max: 1167 })
    const windows = [
      { center: -38, width: 1646 },
      { center: 40, width: 80 },
      { center: -600, width: 1500 },
      { center: 0.5, width: 1 },
    ]
    for (const window of windows) {
      for (const fn of ['LINEAR', 'LINEAR_EXACT', 'SIGMOID'] as const) {
        for (const inverted of [false, true]) {
          const server = windowLevel(values, window, fn, inverted)
          // Through the table of the frame's whole numbers, and value by value.
          for (const integers of [integerSpan(values), null]) {
            const name = `${fn} ${JSON.stringify(window)} inverted=${inverted} table=${integers !== null}`
            const { largest, differing } = compare(viewerGreys(values, window, fn, inverted, integers), server)
            // The two formulas round differently only where a value lands exactly halfway between two grey levels.
            expect(largest, name).toBeLessThanOrEqual(1)
            expect(differing, name).toBeLessThanOrEqual(values.length / 100)
          }
        }
      }
    }
  })

  it('renders values that are not whole numbers value by value', async () => {
    const values = (await viewerValues('CT_small.dcm')).map((value) => value / 7)
    expect(integerSpan(values)).toBeNull()
    const window = { center: 5, width: 60 }
    const { largest } = compare(viewerGreys(values, window, 'LINEAR_EXACT', false), windowLevel(values, window, 'LINEAR_EXACT', false))
    expect(largest).toBeLessThanOrEqual(1)
  })

  it('makes a narrow window a hard threshold and a wide one a gentle ramp', async () => {
    const values = await viewerValues('CT_small.dcm')
    const narrow = viewerGreys(values, { center: 0.5, width: 1 }, 'LINEAR', false)
    expect(new Set(narrow)).toEqual(new Set([0, 255]))
    const wide = viewerGreys(values, { center: 0, width: 100_000 }, 'LINEAR_EXACT', false)
    expect(Math.min(...wide)).toBeGreaterThan(120)
    expect(Math.max(...wide)).toBeLessThan(136)
  })

  it('drags by a thousandth of the value span per pixel, never to a window of nothing', () => {
    const step = dragStep({ min: -896, max: 1167 }, { center: 40, width: 400 })
    expect(step).toBeCloseTo(2.063)
    expect(draggedWindow({ center: 40, width: 400 }, 100, -50, step)).toEqual({ center: 40 - 50 * step, width: 400 + 100 * step })
    expect(draggedWindow({ center: 40, width: 400 }, -10_000, 0, step).width).toBe(step)
  })

  it('reads values at the precision their range needs', () => {
    expect(formatValue(-38.2, 2063)).toBe('−38')
    expect(formatValue(-0.2, 2063)).toBe('0')
    expect(formatValue(1.23456, 5)).toBe('1.23')
    expect(formatValue(0.012345, 0.05)).toBe('0.0123')
  })

  it('refuses raw bytes that are not whole float32 values', () => {
    expect(() => float32FromLittleEndian(new ArrayBuffer(6))).toThrow(/float32/)
  })
})
