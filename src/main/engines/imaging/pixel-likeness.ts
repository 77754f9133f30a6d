import { SIGNATURE_SIDE, type PixelSignature } from './pixel-signature'

/**
 * From this pixelLikeness on, two images are the same picture. Measured on 40 NEU-DET and 20 COCO images with six
 * copies each (JPEG 60, half size, 5% cropped centred or off a corner, 8% off one side, all at once): copies scored
 * 0.917 and up; all 4,680 pairs of different NEU-DET images of one class at most 0.857 (two overlapping frames of one
 * scratched strip; 0.76 for the next pair), 780 pairs of COCO photos 0.
 */
export const SAME_PICTURE = 0.89

/**
 * Below this correlation of their 4×4 block means, two images are not looked at further: copies (as above) scored 0.82
 * and up, while 82% of the pairs of different NEU-DET images of one class scored lower. Costs nothing; the framing
 * search it spares costs about a millisecond a pair.
 */
const ROUGH_GATE = 0.7

/**
 * Below this agreement of the overall picture (correlation of grey levels, at the best of the framings tried) a
 * framing is not refined: copies (as above) scored 0.94 and up, different images 0.2 on average (up to 0.99 for some
 * alike in light, which is why the detail decides).
 */
const COARSE_GATE = 0.85
/**
 * Framings tried first: the part of one image the other shows, from all of it down to 92% of its side (refining goes
 * a little further), at 4×4 positions, compared at COARSE_SIDE².
 */
const COARSE_SCALES = [1, 0.96, 0.92]
const COARSE_POSITIONS = 4
const COARSE_SIDE = 16
/** Refining the best framing: on the grey picture at MIDDLE_SIDE from steps of 2 signature pixels, then on detail. */
const MIDDLE_SIDE = 32
const MIDDLE_STEP = 2
const FINE_STEP = 0.5
const REFINE_ROUNDS = 3
const MOVES_PER_STEP = 4

/** Which part of the `source` signature (fractions of its side) is laid over all of `target`. */
interface Framing {
  source: PixelSignature
  target: PixelSignature
  x: number
  y: number
  width: number
  height: number
}

/**
 * How far two images are the same picture, from -1 to 1: the correlation of their fine detail once the second is
 * framed onto the first as well as it goes (one may show a slightly cropped part of the other, at any size). A copy
 * re-encoded, resized or cropped by a few percent scores about 0.9-1; two different images, even two shots of the
 * same steel texture, score near 0; so do images whose overall picture does not even line up (not compared finer).
 */
export function pixelLikeness(a: PixelSignature, b: PixelSignature): number {
  if (correlation(a.blocks, b.blocks) < ROUGH_GATE) return 0
  // Either may be the cropped one. The coarse scores cannot tell which, the half-resolution ones can: the best framing
  // each way is brought within a pixel there, and only the better of the two is compared in detail.
  let near: { framing: Framing; score: number } | null = null
  for (const [source, target] of [[a, b], [b, a]] as const) {
    const whole = sampled(fullFraming(target, target), 'grey', COARSE_SIDE)
    let best = { framing: fullFraming(source, target), score: -Infinity }
    for (const framing of framingsOf(source, target)) {
      const score = correlation(sampled(framing, 'grey', COARSE_SIDE), whole)
      if (score > best.score) best = { framing, score }
    }
    if (best.score < COARSE_GATE) continue
    const climbedNear = climbed(best.framing, scorer(target, 'grey', MIDDLE_SIDE), MIDDLE_STEP, REFINE_ROUNDS)
    if (!near || climbedNear.score > near.score) near = climbedNear
  }
  if (!near) return 0
  return climbed(near.framing, scorer(near.framing.target, 'detail', SIGNATURE_SIDE), FINE_STEP, REFINE_ROUNDS).score
}

function fullFraming(source: PixelSignature, target: PixelSignature): Framing {
  return { source, target, x: 0, y: 0, width: 1, height: 1 }
}

/**
 * The parts of `source` that `target` could be a crop of: with target's proportions (a crop keeps pixels square), as
 * large as source allows and a little smaller, at evenly spread positions.
 */
function* framingsOf(source: PixelSignature, target: PixelSignature): Generator<Framing> {
  const proportion = target.aspect / source.aspect
  const [fullWidth, fullHeight] = proportion >= 1 ? [1, 1 / proportion] : [proportion, 1]
  for (const scale of COARSE_SCALES) {
    const width = fullWidth * scale
    const height = fullHeight * scale
    for (let i = 0; i < COARSE_POSITIONS; i++) {
      for (let j = 0; j < COARSE_POSITIONS; j++) {
        yield { source, target, width, height, x: ((1 - width) * i) / (COARSE_POSITIONS - 1), y: ((1 - height) * j) / (COARSE_POSITIONS - 1) }
      }
    }
  }
}

/**
 * Hill-climbs position and size of a framing: moves while a neighbouring framing scores better (at most
 * MOVES_PER_STEP times), then halves the step, `rounds` times from `step` (in signature pixels).
 */
function climbed(start: Framing, score: (framing: Framing) => number, step: number, rounds: number): { framing: Framing; score: number } {
  let best = { framing: start, score: score(start) }
  for (let round = 0, size = step / SIGNATURE_SIDE; round < rounds; round++, size /= 2) {
    for (let move = 0; move < MOVES_PER_STEP; move++) {
      const centre = best.framing
      for (const [dx, dy, grow] of NEIGHBOURS) {
        // Growing or shrinking keeps the framing's centre where it is.
        const width = centre.width * (1 + grow * size)
        const height = centre.height * (1 + grow * size)
        const framing = clamped({
          ...centre,
          width,
          height,
          x: centre.x + dx * size - (width - centre.width) / 2,
          y: centre.y + dy * size - (height - centre.height) / 2,
        })
        const candidate = score(framing)
        if (candidate > best.score) best = { framing, score: candidate }
      }
      if (best.framing === centre) break
    }
  }
  return best
}

/** How well a framing lines the source's `plane` up with all of `target`'s, at side × side. */
function scorer(target: PixelSignature, plane: 'grey' | 'detail', side: number): (framing: Framing) => number {
  const whole = sampled(fullFraming(target, target), plane, side)
  return (framing) => correlation(sampled(framing, plane, side), whole)
}

const NEIGHBOURS: ReadonlyArray<readonly [number, number, number]> = [
  [-1, -1, 0], [0, -1, 0], [1, -1, 0], [-1, 0, 0], [1, 0, 0], [-1, 1, 0], [0, 1, 0], [1, 1, 0], [0, 0, -1], [0, 0, 1],
]

function clamped(framing: Framing): Framing {
  const width = Math.min(1, framing.width)
  const height = Math.min(1, framing.height)
  return { ...framing, width, height, x: Math.min(Math.max(0, framing.x), 1 - width), y: Math.min(Math.max(0, framing.y), 1 - height) }
}

/** The framed part of the source's grey or detail picture, resampled bilinearly to side × side. */
function sampled(framing: Framing, plane: 'grey' | 'detail', side: number): Float32Array {
  const pixels = framing.source[plane]
  const last = SIGNATURE_SIDE - 1
  const xs = coordinates(framing.x, framing.width, side)
  const ys = coordinates(framing.y, framing.height, side)
  const out = new Float32Array(side * side)
  for (let j = 0; j < side; j++) {
    const y = ys[j]!
    const y0 = Math.min(Math.floor(y), last - 1)
    const fy = y - y0
    for (let i = 0; i < side; i++) {
      const x = xs[i]!
      const x0 = Math.min(Math.floor(x), last - 1)
      const fx = x - x0
      const top = pixels[y0 * SIGNATURE_SIDE + x0]! * (1 - fx) + pixels[y0 * SIGNATURE_SIDE + x0 + 1]! * fx
      const bottom = pixels[(y0 + 1) * SIGNATURE_SIDE + x0]! * (1 - fx) + pixels[(y0 + 1) * SIGNATURE_SIDE + x0 + 1]! * fx
      out[j * side + i] = top * (1 - fy) + bottom * fy
    }
  }
  return out
}

/** Pixel-centre positions, in signature pixels, of `side` samples across [start, start + length) of the unit side. */
function coordinates(start: number, length: number, side: number): Float32Array {
  const out = new Float32Array(side)
  for (let i = 0; i < side; i++) {
    const position = (start + ((i + 0.5) * length) / side) * SIGNATURE_SIDE - 0.5
    out[i] = Math.min(Math.max(0, position), SIGNATURE_SIDE - 1)
  }
  return out
}

/** Pearson correlation of two equally long pictures; 0 when either is flat. */
function correlation(a: Float32Array, b: Float32Array): number {
  let sumA = 0
  let sumB = 0
  for (let i = 0; i < a.length; i++) {
    sumA += a[i]!
    sumB += b[i]!
  }
  const meanA = sumA / a.length
  const meanB = sumB / b.length
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    const p = a[i]! - meanA
    const q = b[i]! - meanB
    ab += p * q
    aa += p * p
    bb += q * q
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb)
}
