import { describe, expect, it } from 'vitest'
import { bitmapFromRle, rleContains, rleFromBitmap } from '../../src/shared/shapes/bitmap'
import { rleArea, rleBounds, rleProblem } from '../../src/shared/shapes/rle'
import { mulberry32 } from '../../src/shared/random/mulberry32'

describe('masks as pixels and as RLE', () => {
  it('reads the pixels column by column, starting with a background run', () => {
    // 3 wide, 2 high; row-major: the top row's middle pixel and the whole bottom-right column are inside.
    const bitmap = Uint8Array.from([0, 1, 1, 0, 0, 1])
    const rle = rleFromBitmap(bitmap, 3, 2)
    // Columns: [0,0] [1,0] [1,1] → 2 out, 1 in, 1 out, 2 in.
    expect(rle).toEqual({ size: [2, 3], counts: [2, 1, 1, 2] })
    expect(rleContains(rle, 1.5, 0.2)).toBe(true)
    expect(rleContains(rle, 1, 1)).toBe(false)
    expect(rleContains(rle, 2.9, 1.9)).toBe(true)
    expect(rleContains(rle, 3, 0)).toBe(false)
    expect(rleContains(rle, -0.1, 0)).toBe(false)
  })

  it('makes the round trip exactly for random masks, with areas, bounds and lookups agreeing', () => {
    const random = mulberry32(18)
    for (let trial = 0; trial < 50; trial++) {
      const width = 1 + Math.floor(random() * 40)
      const height = 1 + Math.floor(random() * 40)
      const density = random()
      const bitmap = Uint8Array.from({ length: width * height }, () => (random() < density ? 1 : 0))
      const rle = rleFromBitmap(bitmap, width, height)
      expect(rleProblem(rle)).toBeUndefined()
      expect(bitmapFromRle(rle)).toEqual(bitmap)
      expect(rleArea(rle)).toBe(bitmap.reduce((sum, value) => sum + value, 0))
      let left = Infinity
      let top = Infinity
      let right = -1
      let bottom = -1
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const inside = bitmap[y * width + x] === 1
          expect(rleContains(rle, x + 0.5, y + 0.5)).toBe(inside)
          if (inside) {
            left = Math.min(left, x)
            top = Math.min(top, y)
            right = Math.max(right, x)
            bottom = Math.max(bottom, y)
          }
        }
      }
      const bounds = rleBounds(rle)
      if (right < 0) expect(bounds).toBeUndefined()
      else expect(bounds).toEqual({ x: left, y: top, width: right - left + 1, height: bottom - top + 1 })
    }
  })

  it('refuses pixels that are not the size given', () => {
    expect(() => rleFromBitmap(new Uint8Array(5), 2, 2)).toThrow(/2 × 2 mask needs 4 pixels, not 5/)
  })
})
