import type { DicomFrameInfo, DicomWindow } from '../../../../shared/api/schemas'

export type VoiFunction = DicomFrameInfo['voiFunction']

/**
 * The 256 opaque greys as RGBA words, darkest first. Made from bytes, so each word is in the platform's own byte
 * order and one store per pixel writes R, G, B and A at once.
 */
const GREYS = (() => {
  const bytes = new Uint8ClampedArray(256 * 4)
  for (let level = 0; level < 256; level += 1) bytes.set([level, level, level, 255], level * 4)
  return new Uint32Array(bytes.buffer)
})()
const GREYS_INVERTED = GREYS.slice().reverse()

/**
 * The values below `low` are black, above `high` white, straight in between: PS3.3 C.11.2.1.2's LINEAR (for integer
 * values: centre − 0.5, width − 1) or LINEAR_EXACT. As the main process does, LINEAR falls back to LINEAR_EXACT for
 * windows narrower than 2, where its formula would divide by zero or less.
 */
export function linearRange(window: DicomWindow, fn: Exclude<VoiFunction, 'SIGMOID'>): { low: number; high: number } {
  const { center: c, width: w } = window
  if (fn === 'LINEAR' && w >= 2) return { low: c - 0.5 - (w - 1) / 2, high: c - 0.5 + (w - 1) / 2 }
  return { low: c - w / 2, high: c + w / 2 }
}

/**
 * Where PS3.3's SIGMOID, 255 / (1 + exp(−4 (x − centre) / width)), rounds up to each grey level 1…255: the value at
 * which it reaches level − ½.
 */
function sigmoidSteps({ center, width }: DicomWindow): Float64Array {
  const steps = new Float64Array(255)
  for (let level = 1; level <= 255; level += 1) steps[level - 1] = center - (width / 4) * Math.log(255 / (level - 0.5) - 1)
  return steps
}

/**
 * The grey levels of values through a window, into RGBA words. Each VOI function has its own loop: one shared loop
 * calling a per-function closure is several times slower once V8 has seen both.
 */
function levelsInto(values: Float32Array, out: Uint32Array, count: number, window: DicomWindow, fn: VoiFunction, palette: Uint32Array, offset = 0): void {
  if (fn === 'SIGMOID') {
    // The level is how many of the 255 steps the value has reached: a search of 8 compares instead of an exp().
    const steps = sigmoidSteps(window)
    for (let i = 0; i < count; i += 1) {
      const x = values[i]! + offset
      let low = 0
      let high = 255
      while (low < high) {
        const middle = (low + high) >> 1
        if (x >= steps[middle]!) low = middle + 1
        else high = middle
      }
      out[i] = palette[low]!
    }
    return
  }
  const { low, high } = linearRange(window, fn)
  const scale = 255 / (high - low)
  const below = palette[0]!
  const above = palette[255]!
  for (let i = 0; i < count; i += 1) {
    const x = values[i]! + offset
    // NaN (never sent by the main process, but cheap to be safe from) falls through to level 0.
    out[i] = x <= low ? below : x > high ? above : palette[((x - low) * scale + 0.5) | 0]!
  }
}

/** Whole numbers from `min` to `max`. */
export interface IntegerSpan {
  min: number
  max: number
}

/**
 * The span of a frame whose values are all whole numbers (nearly every frame: stored integers, slope 1, whole
 * intercept) and few enough for a table of them; null otherwise.
 */
export function integerSpan(values: Float32Array): IntegerSpan | null {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i += 1) {
    const x = values[i]!
    if (!Number.isInteger(x)) return null
    if (x < min) min = x
    if (x > max) max = x
  }
  return min <= max && max - min < Math.min(Math.max(65_536, values.length), 2 ** 24) ? { min, max } : null
}

/**
 * Writes one frame's values through a window into RGBA pixels (`out` viewing an ImageData's buffer); `inverted`
 * makes low values white (MONOCHROME1, or the viewer's invert). A frame of whole numbers (`integers`) goes through
 * a table of every value it holds, one lookup per pixel whatever the VOI function: a 512 × 512 CT slice takes about
 * a millisecond, so a drag re-renders every animation frame.
 */
export function renderWindowed(
  values: Float32Array,
  out: Uint32Array,
  window: DicomWindow,
  fn: VoiFunction,
  inverted: boolean,
  integers: IntegerSpan | null,
): void {
  const palette = inverted ? GREYS_INVERTED : GREYS
  const count = Math.min(values.length, out.length)
  if (!integers) return levelsInto(values, out, count, window, fn, palette)
  const base = integers.min
  const table = new Uint32Array(integers.max - base + 1)
  levelsInto(countingNumbers(table.length), table, table.length, window, fn, palette, base)
  for (let i = 0; i < count; i += 1) out[i] = table[(values[i]! - base) | 0]!
}

let counting = new Float32Array(0)

/** 0, 1, 2, … (at least `length` of them): a table's values less its base, made once and kept. */
function countingNumbers(length: number): Float32Array {
  if (counting.length < length) counting = Float32Array.from({ length: Math.max(length, 65_536) }, (_, i) => i)
  return counting
}

/**
 * How much a window changes per screen pixel of drag: a thousandth of the frame's value span (about 2–4 HU on CT),
 * so that a drag across the image sweeps the whole range whatever the units.
 */
export function dragStep(valueRange: DicomFrameInfo['valueRange'], window: DicomWindow): number {
  const span = valueRange ? valueRange.max - valueRange.min : window.width * 2
  return Math.max(span, 1e-6) / 1000
}

/** Right or left: wider or narrower; down or up: a higher or lower level (a darker or brighter image). */
export function draggedWindow(start: DicomWindow, dx: number, dy: number, step: number): DicomWindow {
  return { center: start.center + dy * step, width: Math.max(step, start.width + dx * step) }
}

export function sameWindow(a: DicomWindow, b: DicomWindow): boolean {
  return Math.abs(a.center - b.center) < 1e-9 && Math.abs(a.width - b.width) < 1e-9
}

/** A window level or a pixel value as people read them: whole numbers on CT-sized scales, a few digits on small ones. */
export function formatValue(value: number, span: number): string {
  if (!Number.isFinite(value)) return '—'
  const digits = span >= 100 ? 0 : span >= 10 ? 1 : span >= 1 ? 2 : 4
  const text = value.toFixed(digits)
  // "-0" reads as a glitch.
  return (Number(text) === 0 ? (0).toFixed(digits) : text).replace('-', '−')
}

/** The values as the main process sends them (float32, little-endian), whatever this machine's byte order. */
export function float32FromLittleEndian(buffer: ArrayBuffer): Float32Array {
  if (buffer.byteLength % 4 !== 0) throw new Error('the raw values are not whole float32 numbers')
  if (LITTLE_ENDIAN) return new Float32Array(buffer)
  const view = new DataView(buffer)
  const out = new Float32Array(buffer.byteLength / 4)
  for (let i = 0; i < out.length; i += 1) out[i] = view.getFloat32(i * 4, true)
  return out
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
