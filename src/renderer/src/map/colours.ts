import type { MapColours } from '../../../shared/api/schemas'

export type Rgb = readonly [number, number, number]

/** Points with no value: a mid grey, visible on both themes and unlike every category and ramp colour. */
export const MISSING_COLOUR: Rgb = [128, 128, 128]

/** Categories without a colour of their own take these in turn (distinct hues, none of them grey). */
const CATEGORY_PALETTE: readonly Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [188, 189, 34],
  [23, 190, 207],
  [255, 187, 120],
  [152, 223, 138],
  [174, 199, 232],
]

/** A perceptually ordered ramp, dark purple (low) through teal to yellow (high), as viridis is. */
const RAMP_STOPS: readonly Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
]

/** The ramp's colour at t in [0, 1] (clamped), interpolated between its stops. */
export function rampColour(t: number): Rgb {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0
  const at = clamped * (RAMP_STOPS.length - 1)
  const low = Math.min(RAMP_STOPS.length - 2, Math.floor(at))
  const within = at - low
  const [a, b] = [RAMP_STOPS[low]!, RAMP_STOPS[low + 1]!]
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * within)) as unknown as Rgb
}

/** A CSS gradient of the ramp, low to high, for the legend. */
export function rampGradient(): string {
  return `linear-gradient(to right, ${RAMP_STOPS.map(cssColour).join(', ')})` // i18n-exempt: CSS
}

/** '#rrggbb' (or '#rgb') to its channels; null for anything else. */
export function parseHex(hex: string): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!match) return null
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d).join('') : match[1]!
  return [0, 2, 4].map((k) => parseInt(digits.slice(k, k + 2), 16)) as unknown as Rgb
}

export function cssColour([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`
}

/** Each category's colour: its own (a label's) where it has one, else the palette's in turn. */
export function categoryColours(categories: readonly string[], own: readonly string[] = []): Rgb[] {
  let next = 0
  return categories.map((_, i) => parseHex(own[i] ?? '') ?? CATEGORY_PALETTE[next++ % CATEGORY_PALETTE.length]!)
}

/** The lowest and highest value present, or null when no point has one. */
export function valueRange(values: ReadonlyArray<number | null>): { min: number; max: number } | null {
  let [min, max] = [Infinity, -Infinity]
  for (const value of values) {
    if (value === null) continue
    min = Math.min(min, value)
    max = Math.max(max, value)
  }
  return min <= max ? { min, max } : null
}

/** What the legend shows: categories with their colours and counts, or the ramp's range; and how many have no value. */
export type Legend =
  | { kind: 'categories'; entries: Array<{ name: string; colour: Rgb; count: number }>; missing: number }
  | { kind: 'ramp'; range: { min: number; max: number } | null; missing: number }

/** The RGB of every point (3 bytes each, in points' order) and the legend that explains them. */
export function colourPoints(colours: MapColours): { rgb: Uint8Array; legend: Legend } {
  const rgb = new Uint8Array(colours.values.length * 3)
  const put = (i: number, colour: Rgb) => rgb.set(colour, i * 3)
  let missing = 0
  if (colours.categories) {
    const palette = categoryColours(colours.categories, colours.categoryColours)
    const counts = new Array<number>(colours.categories.length).fill(0)
    colours.values.forEach((value, i) => {
      if (value === null) {
        missing++
        put(i, MISSING_COLOUR)
      } else {
        counts[value]!++
        put(i, palette[value] ?? MISSING_COLOUR)
      }
    })
    const entries = colours.categories.map((name, i) => ({ name, colour: palette[i]!, count: counts[i]! })).filter((entry) => entry.count > 0)
    return { rgb, legend: { kind: 'categories', entries, missing } }
  }
  const range = valueRange(colours.values)
  const span = range && range.max > range.min ? range.max - range.min : 1
  colours.values.forEach((value, i) => {
    if (value === null || !range) {
      missing++
      put(i, MISSING_COLOUR)
    } else put(i, rampColour((value - range.min) / span))
  })
  return { rgb, legend: { kind: 'ramp', range, missing } }
}
