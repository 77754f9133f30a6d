/**
 * COCO run-length encoding of a binary mask, as pycocotools keeps it: the mask is read column by column (x outer,
 * y inner, "Fortran order"), and `counts` alternates runs of background and foreground, starting with background
 * (a mask whose first pixel is foreground starts with a run of 0).
 *
 * The compressed form packs each count into 6-bit characters (offset by 48, '0'), 5 value bits and a continuation bit,
 * least significant group first, sign-extended from the last group's top value bit; from the fourth count on (index
 * greater than 2) what is packed is the difference from the count two places back, which is small because
 * neighbouring columns have similar runs.
 */

export interface Rle {
  /** [height, width], as COCO writes it. */
  size: [number, number]
  counts: number[]
}

/** The compressed string of uncompressed counts, character for character what pycocotools writes. */
export function compressCounts(counts: readonly number[]): string {
  let text = ''
  counts.forEach((count, index) => {
    let value = index > 2 ? count - (counts[index - 2] as number) : count
    let more = true
    while (more) {
      let char = value & 0x1f
      // Arithmetic shift: a negative difference stays negative until its last group.
      value >>= 5
      more = char & 0x10 ? value !== -1 : value !== 0
      if (more) char |= 0x20
      text += String.fromCharCode(char + 48)
    }
  })
  return text
}

/** Uncompressed counts of a compressed string; undefined when the string is not one. */
export function decompressCounts(text: string): number[] | undefined {
  const counts: number[] = []
  let position = 0
  while (position < text.length) {
    let value = 0
    let group = 0
    let more = true
    while (more) {
      if (position >= text.length) return undefined
      const char = text.charCodeAt(position) - 48
      if (char < 0 || char > 63) return undefined
      value |= (char & 0x1f) << (5 * group)
      more = (char & 0x20) !== 0
      position++
      group++
      if (!more && char & 0x10) value |= -1 << (5 * group)
      // Beyond 6 groups (30 bits) a 32-bit shift wraps: no real mask has such a count.
      if (group > 6) return undefined
    }
    if (counts.length > 2) value += counts[counts.length - 2] as number
    counts.push(value)
  }
  return counts
}

/** Why these counts are not a mask of this size, or undefined when they are. */
export function rleProblem(rle: Rle): string | undefined {
  const [height, width] = rle.size
  if (!Number.isSafeInteger(height) || !Number.isSafeInteger(width) || height <= 0 || width <= 0) {
    return `RLE size must be two positive integers [height, width] (got ${JSON.stringify(rle.size)})`
  }
  let sum = 0
  for (const count of rle.counts) {
    if (!Number.isSafeInteger(count) || count < 0) return `RLE counts must be non-negative integers (got ${count})`
    sum += count
  }
  if (sum !== height * width) return `RLE counts add up to ${sum}, not ${height} × ${width} = ${height * width} pixels`
  return undefined
}

/** Foreground pixels: COCO's area of a mask. */
export function rleArea(rle: Rle): number {
  let area = 0
  for (let i = 1; i < rle.counts.length; i += 2) area += rle.counts[i] as number
  return area
}

/**
 * The smallest pixel-aligned rectangle holding every foreground pixel, as pycocotools' toBbox gives it;
 * undefined for an empty mask.
 */
export function rleBounds(rle: Rle): { x: number; y: number; width: number; height: number } | undefined {
  const height = rle.size[0]
  let position = 0
  let left = Infinity
  let right = -Infinity
  let top = Infinity
  let bottom = -Infinity
  rle.counts.forEach((count, index) => {
    if (index % 2 === 1 && count > 0) {
      const first = position
      const last = position + count - 1
      const firstColumn = Math.floor(first / height)
      const lastColumn = Math.floor(last / height)
      left = Math.min(left, firstColumn)
      right = Math.max(right, lastColumn)
      // A run that crosses into the next column covers that column's top and the first column's bottom.
      if (firstColumn !== lastColumn) {
        top = 0
        bottom = height - 1
      } else {
        top = Math.min(top, first % height)
        bottom = Math.max(bottom, last % height)
      }
    }
    position += count
  })
  if (left === Infinity) return undefined
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 }
}
