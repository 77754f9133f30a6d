import { describe, expect, it } from 'vitest'
import { splitImages } from '../../../../src/main/engines/datasets/dataset-split'
import type { AnnotatedImage, AnnotationSet } from '../../../../src/main/engines/formats'
import type { DatasetSplit, SplitPart } from '../../../../src/shared/api/schemas'

/** Images of one class each (by a box, or by a tag when `tagged`), `count` of each class, then some without a class. */
function setOf(counts: Record<string, number>, options: { unlabelled?: number; tagged?: boolean } = {}): AnnotationSet {
  const images: AnnotatedImage[] = []
  for (const [label, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++) {
      const box = { label, x: 1, y: 1, width: 5, height: 5 }
      images.push({ file: `${label}/${i}.jpg`, width: 20, height: 20, boxes: options.tagged ? [] : [box], tags: options.tagged ? [label] : [] })
    }
  }
  for (let i = 0; i < (options.unlabelled ?? 0); i++) images.push({ file: `none/${i}.jpg`, width: 20, height: 20, boxes: [], tags: [] })
  return { classes: Object.keys(counts), images }
}

const SEVENTY_TWENTY_TEN: DatasetSplit = { train: 0.7, val: 0.2, test: 0.1, seed: 7 }

function partsOf(set: AnnotationSet, split: DatasetSplit): Record<SplitPart, string[]> {
  const layout = splitImages(set, split)
  const parts: Record<SplitPart, string[]> = { train: [], val: [], test: [] }
  for (const image of set.images) parts[layout.partOf.get(image.file)!].push(image.file)
  return parts
}

const classOf = (file: string) => file.slice(0, file.indexOf('/'))

describe('the dataset split', () => {
  it('puts every image in exactly one part, the same way for the same seed and another way for another seed', () => {
    const set = setOf({ crazing: 40, inclusion: 25, patches: 3 }, { unlabelled: 12 })
    const layout = splitImages(set, SEVENTY_TWENTY_TEN)
    expect(layout.parts).toEqual(['train', 'val', 'test'])
    expect(layout.partOf.size).toBe(set.images.length)
    expect(partsOf(set, SEVENTY_TWENTY_TEN)).toEqual(partsOf(set, { ...SEVENTY_TWENTY_TEN }))
    expect(partsOf(set, { ...SEVENTY_TWENTY_TEN, seed: 8 })).not.toEqual(partsOf(set, SEVENTY_TWENTY_TEN))
  })

  it('gives every class with at least three images a place in every part', () => {
    for (const tagged of [false, true]) {
      const parts = partsOf(setOf({ common: 97, rare: 3, scarce: 4, odd: 11 }, { tagged }), SEVENTY_TWENTY_TEN)
      for (const files of Object.values(parts)) {
        expect(new Set(files.map(classOf))).toEqual(new Set(['common', 'rare', 'scarce', 'odd']))
      }
    }
  })

  it('keeps each class and the whole within one image of the fractions asked for', () => {
    const counts = { a: 50, b: 33, c: 21, d: 7, e: 13, f: 100 }
    const set = setOf(counts, { unlabelled: 9 })
    const parts = partsOf(set, SEVENTY_TWENTY_TEN)
    const total = set.images.length
    for (const part of ['train', 'val', 'test'] as const) {
      expect(Math.abs(parts[part].length - total * SEVENTY_TWENTY_TEN[part])).toBeLessThanOrEqual(1)
      for (const [label, count] of Object.entries(counts)) {
        const inPart = parts[part].filter((file) => classOf(file) === label).length
        expect(Math.abs(inPart - count * SEVENTY_TWENTY_TEN[part])).toBeLessThan(1.5)
      }
    }
  })

  it('spreads an image with several classes by its rarest class, so a rare class that only shares images still reaches every part', () => {
    const set = setOf({ common: 60 })
    for (let i = 0; i < 6; i++) {
      const boxes = ['common', 'rare'].map((label) => ({ label, x: 1, y: 1, width: 5, height: 5 }))
      set.images.push({ file: `mixed/${i}.jpg`, width: 20, height: 20, boxes, tags: [] })
    }
    set.classes.push('rare')
    const parts = partsOf(set, { train: 0.5, val: 0.25, test: 0.25, seed: 1 })
    for (const files of Object.values(parts)) expect(files.some((file) => file.startsWith('mixed/'))).toBe(true)
  })

  it('gives a class with fewer images than parts to train first, then val', () => {
    const parts = partsOf(setOf({ common: 30, single: 1, pair: 2 }), SEVENTY_TWENTY_TEN)
    expect(parts.train).toContain('single/0.jpg')
    expect(parts.train.filter((file) => classOf(file) === 'pair')).toHaveLength(1)
    expect(parts.val.filter((file) => classOf(file) === 'pair')).toHaveLength(1)
  })

  it('writes only the parts with a fraction above 0', () => {
    const set = setOf({ a: 10, b: 10 })
    const layout = splitImages(set, { train: 0.8, val: 0.2, test: 0, seed: 0 })
    expect(layout.parts).toEqual(['train', 'val'])
    expect(new Set(layout.partOf.values())).toEqual(new Set(['train', 'val']))
  })
})
