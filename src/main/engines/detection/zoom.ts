import type { Random } from '../learning/random'
import type { LabelledBox } from './boxes'

/**
 * Scale jitter for a head trained on cached feature maps: a picture is also seen zoomed in, as a crop of it stretched
 * to the backbone's input, so the head meets its defects larger than they are and at other places on the grid. The
 * crop is a random 60–85% of each side (seeded); boxes are cut to it and given in its fractions, and a box less than
 * half inside is left out rather than taught as the part that shows.
 */
export interface ZoomedView {
  /** In the picture's pixels. */
  crop: { x: number; y: number; width: number; height: number }
  boxes: LabelledBox[]
}

const SMALLEST_SIDE = 0.6
const LARGEST_SIDE = 0.85
/** Share of a box's area that must lie inside the crop for it to be taught. */
const MIN_VISIBLE = 0.5

export function zoomedView(boxes: readonly LabelledBox[], picture: { width: number; height: number }, random: Random): ZoomedView {
  const side = SMALLEST_SIDE + random.next() * (LARGEST_SIDE - SMALLEST_SIDE)
  const left = random.next() * (1 - side)
  const top = random.next() * (1 - side)
  const kept: LabelledBox[] = []
  for (const box of boxes) {
    const x0 = Math.max(box.x, left)
    const y0 = Math.max(box.y, top)
    const x1 = Math.min(box.x + box.width, left + side)
    const y1 = Math.min(box.y + box.height, top + side)
    if (x1 <= x0 || y1 <= y0) continue
    const cut = { classIndex: box.classIndex, x: (x0 - left) / side, y: (y0 - top) / side, width: (x1 - x0) / side, height: (y1 - y0) / side }
    // Whatever shows of a crowd region is still a region to leave alone.
    if (box.crowd) kept.push({ ...cut, crowd: true })
    else if ((x1 - x0) * (y1 - y0) >= MIN_VISIBLE * box.width * box.height) kept.push(cut)
  }
  const crop = {
    x: Math.round(left * picture.width),
    y: Math.round(top * picture.height),
    width: Math.max(1, Math.round(side * picture.width)),
    height: Math.max(1, Math.round(side * picture.height)),
  }
  return { crop, boxes: kept }
}
