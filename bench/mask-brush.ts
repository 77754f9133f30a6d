import { grownRect, stampSegment, tintPixels } from '../src/renderer/src/annotate/maskPainting'
import { bitmapFromRle, rleFromBitmap } from '../src/shared/shapes/bitmap'
import { currentLoad } from './machine'
import { result, seededRandom, type BenchResult } from './stats'

const WIDTH = 4000
const HEIGHT = 3000
const RED = [230, 60, 60] as const

/**
 * The mask brush's own arithmetic on a 4000 × 3000 image (the pixel work the canvas does in JavaScript; putting the
 * repainted rectangle on the offscreen canvas and scaling it onto the screen are the browser's):
 *
 * - a pointer move: the swept segment stamped into the bitmap and its rectangle tinted again, at the sizes `[` and `]`
 *   step through, against tinting the whole image each move, which is what repainting without a dirty rectangle costs;
 * - the release (the bitmap to RLE, once a stroke);
 * - selecting a mask, or Esc during a stroke on one (its RLE to pixels).
 */
export function benchMaskBrush(moves: number, log: (line: string) => void): BenchResult[] {
  const details = { width: WIDTH, height: HEIGHT, load: [currentLoad()] }
  const bitmap = new Uint8Array(WIDTH * HEIGHT)
  const random = seededRandom(18)
  const results: BenchResult[] = []
  for (const size of [16, 64, 256]) {
    let at = { x: WIDTH / 2, y: HEIGHT / 2 }
    const samples: number[] = []
    for (let move = 0; move < moves; move++) {
      // A quick hand: 5 to 40 image pixels between pointer events.
      const step = 5 + random() * 35
      const angle = random() * 2 * Math.PI
      const next = { x: Math.min(WIDTH - 1, Math.max(0, at.x + step * Math.cos(angle))), y: Math.min(HEIGHT - 1, Math.max(0, at.y + step * Math.sin(angle))) }
      const started = performance.now()
      const touched = stampSegment(bitmap, WIDTH, HEIGHT, at, next, size / 2, 1)
      if (touched) {
        const rect = grownRect(touched, 1, WIDTH, HEIGHT)
        tintPixels(bitmap, WIDTH, HEIGHT, rect, RED, new Uint8ClampedArray(rect.width * rect.height * 4))
      }
      samples.push(performance.now() - started)
      at = next
    }
    log(`  mask brush ${size} px: ${samples.length} moves`)
    results.push(result({ id: `mask.brush.move.${size}px`, name: `mask brush, one pointer move, ${size} px brush, 4000×3000`, unit: 'ms', details }, samples))
  }
  const whole = { x: 0, y: 0, width: WIDTH, height: HEIGHT }
  const wholeTint = sampleMsSync(() => tintPixels(bitmap, WIDTH, HEIGHT, whole, RED, new Uint8ClampedArray(WIDTH * HEIGHT * 4)), 5)
  results.push(result({ id: 'mask.brush.move.wholeImage', name: 'mask brush, one move repainting the whole image (no dirty rectangle)', unit: 'ms', details }, wholeTint))
  let rle = rleFromBitmap(bitmap, WIDTH, HEIGHT)
  const release = sampleMsSync(() => (rle = rleFromBitmap(bitmap, WIDTH, HEIGHT)), 10)
  results.push(result({ id: 'mask.brush.release', name: 'mask brush, release: the stroke’s pixels to RLE, 4000×3000', unit: 'ms', details: { ...details, runs: rle.counts.length } }, release))
  const select = sampleMsSync(() => bitmapFromRle(rle), 10)
  results.push(result({ id: 'mask.select', name: 'selecting a mask: RLE to pixels, 4000×3000', unit: 'ms', details }, select))
  details.load.push(currentLoad())
  return results
}

function sampleMsSync(work: () => unknown, runs: number): number[] {
  work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    samples.push(performance.now() - started)
  }
  return samples
}
