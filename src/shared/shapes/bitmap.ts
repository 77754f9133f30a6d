import type { Rle } from './rle'

/**
 * Masks as pixels: a row-major Uint8Array of the image's size (as a canvas or a PNG holds them), non-zero for the
 * mask's pixels, to and from COCO's column-major RLE (rle.ts). The canvas paints and erases in this form; the
 * catalogue and the files keep RLE.
 */
export function rleFromBitmap(bitmap: Uint8Array, width: number, height: number): Rle {
  if (bitmap.length !== width * height) throw new Error(`a ${width} × ${height} mask needs ${width * height} pixels, not ${bitmap.length}`)
  const counts: number[] = []
  let inside = false
  let run = 0
  for (let x = 0; x < width; x++) {
    for (let at = x; at < bitmap.length; at += width) {
      const hit = bitmap[at] !== 0
      if (hit !== inside) {
        counts.push(run)
        run = 0
        inside = hit
      }
      run++
    }
  }
  counts.push(run)
  return { size: [height, width], counts }
}

/** The mask's pixels, row-major, 1 inside and 0 outside. */
export function bitmapFromRle(rle: Rle): Uint8Array {
  const [height, width] = rle.size
  const bitmap = new Uint8Array(width * height)
  let position = 0
  rle.counts.forEach((count, run) => {
    if (run % 2 === 1) {
      for (let p = position; p < position + count; p++) bitmap[(p % height) * width + Math.floor(p / height)] = 1
    }
    position += count
  })
  return bitmap
}

/** Whether the pixel holding image point (x, y) is in the mask; points outside the image are not. */
export function rleContains(rle: Rle, x: number, y: number): boolean {
  const [height, width] = rle.size
  const column = Math.floor(x)
  const row = Math.floor(y)
  if (column < 0 || row < 0 || column >= width || row >= height) return false
  const target = column * height + row
  let position = 0
  for (let run = 0; run < rle.counts.length; run++) {
    position += rle.counts[run] as number
    if (target < position) return run % 2 === 1
  }
  return false
}
