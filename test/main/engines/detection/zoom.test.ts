import { describe, expect, it } from 'vitest'
import type { LabelledBox } from '../../../../src/main/engines/detection/boxes'
import { zoomedView } from '../../../../src/main/engines/detection/zoom'
import { Random } from '../../../../src/main/engines/learning/random'

/** Scale jitter: a seeded crop inside the picture, with the boxes that are at least half inside, cut and rescaled to it. */

const picture = { width: 400, height: 300 }

describe('zoomedView', () => {
  it('crops 60-85% of each side inside the picture, the same for a seed', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { crop } = zoomedView([], picture, new Random(seed))
      expect(crop.x).toBeGreaterThanOrEqual(0)
      expect(crop.y).toBeGreaterThanOrEqual(0)
      expect(crop.x + crop.width).toBeLessThanOrEqual(picture.width)
      expect(crop.y + crop.height).toBeLessThanOrEqual(picture.height)
      expect(crop.width / picture.width).toBeGreaterThanOrEqual(0.6 - 0.01)
      expect(crop.width / picture.width).toBeLessThanOrEqual(0.85 + 0.01)
      expect(zoomedView([], picture, new Random(seed))).toEqual(zoomedView([], picture, new Random(seed)))
    }
  })

  it('gives a box inside the crop in the crop\'s fractions, cuts one mostly inside and leaves out one mostly outside', () => {
    const random = new Random(9)
    const probe = zoomedView([], picture, new Random(9))
    const left = probe.crop.x / picture.width
    const top = probe.crop.y / picture.height
    const side = probe.crop.width / picture.width
    const inside: LabelledBox = { classIndex: 0, x: left + side * 0.25, y: top + side * 0.25, width: side * 0.5, height: side * 0.5 }
    const mostlyIn: LabelledBox = { classIndex: 1, x: left - side * 0.1, y: top + side * 0.1, width: side * 0.4, height: side * 0.2 }
    const mostlyOut: LabelledBox = { classIndex: 2, x: left - side * 0.3, y: top, width: side * 0.4, height: side * 0.2 }
    const view = zoomedView([inside, mostlyIn, mostlyOut], picture, random)
    expect(view.boxes.map((box) => box.classIndex)).toEqual([0, 1])
    const [a, b] = view.boxes
    expect(a!.x).toBeCloseTo(0.25, 2)
    expect(a!.width).toBeCloseTo(0.5, 2)
    expect(b!.x).toBeCloseTo(0, 5)
    expect(b!.width).toBeCloseTo(0.3, 2)
  })
})
