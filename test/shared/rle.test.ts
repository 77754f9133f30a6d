import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compressCounts, decompressCounts, rleArea, rleBounds, rleProblem, type Rle } from '../../src/shared/shapes/rle'
import { shapeArea, shapeBounds } from '../../src/shared/shapes/shape'
import { seeded } from '../main/engines/formats/random-sets'
import { SHARED_DATA } from '../support/paths'

const COCO_JSON = join(SHARED_DATA, 'coco128', 'annotations', 'instances_train2017.json')

interface CrowdAnnotation {
  bbox: number[]
  area: number
  segmentation: Rle
}

async function crowdRegions(): Promise<CrowdAnnotation[]> {
  const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as { annotations: (CrowdAnnotation & { iscrowd: number })[] }
  return coco.annotations.filter((annotation) => annotation.iscrowd === 1)
}

describe('COCO run-length encoding', () => {
  it('compresses as pycocotools does, worked by hand', () => {
    // 5, 3 and 7 as they are (the first three counts are never deltas); then 2 − 3 = −1, one group with its sign bit.
    expect(compressCounts([5, 3, 7, 2])).toBe('537O')
    // 100 = 3·32 + 4: the low group 4 with the continuation bit (4 + 32 + 48 = 'T'), then 3.
    expect(compressCounts([100])).toBe('T3')
    expect(decompressCounts('537O')).toEqual([5, 3, 7, 2])
    expect(decompressCounts('T3')).toEqual([100])
    expect(decompressCounts('')).toEqual([])
  })

  it('decodes a string pycocotools wrote for a 50 × 70 mask to counts covering its 3500 pixels, and encodes them back to it', () => {
    // Published as the output of pycocotools' encode (armengot/COCOtoolsFORK, python/README.md).
    const written =
      '0g05b08J4M2N2NA^O1`0OCO=0E090H080IO68DH;>@C>a0_O_O`0j0OWOF<:CM72I24NL43JM92FN;1ENKO72L0LO91J0MO92INO0NO122OO0M031O000' +
      'NO31OO11MO40N011MO41MO21L06OL021L06OL021L06OL021L060J040L060J040L060J040L060J040L060J040L060J040L060KO31L060KO31L06OL021' +
      'L06OL021L06OL021MO41MO21MO40N100NO310O00M0310O00NO1220NO92IONO91KOMO72M0<1EO:2GN63KM34OLM73JF<;=1G_O_Ob0=AC`07EH=1IO71H0' +
      '90F0:1DO>1_O1b0>2N2N3L6H]O'
    const counts = decompressCounts(written)!
    expect(rleProblem({ size: [50, 70], counts })).toBeUndefined()
    expect(compressCounts(counts)).toBe(written)
  })

  it('refuses what is not a compressed string', () => {
    expect(decompressCounts('T')).toBeUndefined() // a continuation with nothing after it
    expect(decompressCounts('5 3')).toBeUndefined() // a space is below '0'
    expect(decompressCounts('\u00ff')).toBeUndefined()
  })

  it('gives coco128’s crowd regions back: counts → string → counts', async () => {
    const regions = await crowdRegions()
    expect(regions).toHaveLength(10)
    for (const { segmentation, area, bbox } of regions) {
      const text = compressCounts(segmentation.counts)
      expect(decompressCounts(text)).toEqual(segmentation.counts)
      expect(compressCounts(decompressCounts(text)!)).toBe(text)
      expect(rleProblem(segmentation)).toBeUndefined()
      // COCO measured its crowd regions on the polygons they were drawn as, not on these pixels: the file's area is
      // larger than the pixel count and its bbox one pixel narrower and shorter than the pixels' bounds. So an
      // unchanged region must keep the file's figures (the readers carry them); only a new or edited one is measured.
      expect(rleArea(segmentation)).toBeGreaterThan(0)
      expect(rleArea(segmentation)).toBeLessThan(area)
      const bounds = rleBounds(segmentation)!
      expect([bounds.x, bounds.y, bounds.width - 1, bounds.height - 1]).toEqual(bbox)
    }
  })

  it('round-trips random counts, large and small, of 2000 seeded cases', () => {
    for (let seed = 0; seed < 2000; seed++) {
      const r = seeded(seed)
      const counts = Array.from({ length: r.int(0, 60) }, () => (r.chance(0.3) ? r.int(0, 40) : r.int(0, 2 ** r.int(1, 28))))
      expect(decompressCounts(compressCounts(counts)), `seed ${seed}`).toEqual(counts)
    }
  })

  it('says why counts are not a mask of their size', () => {
    expect(rleProblem({ size: [2, 3], counts: [1, 2, 3] })).toBeUndefined()
    expect(rleProblem({ size: [2, 3], counts: [1, 2] })).toBe('RLE counts add up to 3, not 2 × 3 = 6 pixels')
    expect(rleProblem({ size: [2, 3], counts: [7, -1] })).toBe('RLE counts must be non-negative integers (got -1)')
    expect(rleProblem({ size: [0, 3], counts: [] })).toMatch(/positive integers/)
  })
})

describe('shape bounds and area', () => {
  it('measures polygons by the shoelace formula, part by part, and bounds them by their points', () => {
    const shape = { kind: 'polygons' as const, polygons: [[0, 0, 4, 0, 4, 3], [10, 10, 12, 10, 12, 12, 10, 12]] }
    expect(shapeArea(shape)).toBe(6 + 4)
    expect(shapeBounds(shape)).toEqual({ x: 0, y: 0, width: 12, height: 12 })
  })

  it('measures coco128’s polygons as its file does (COCO took the shoelace area, not the rasterised one)', async () => {
    const coco = JSON.parse(await readFile(COCO_JSON, 'utf8')) as { annotations: { iscrowd: number; area: number; segmentation: number[][] }[] }
    const polygons = coco.annotations.filter((annotation) => annotation.iscrowd === 0)
    expect(polygons).toHaveLength(929)
    // Equal up to the file's rounding and the order of the sums: an edited shape's area is what COCO would have said.
    for (const { area, segmentation } of polygons) expect(Math.abs(shapeArea({ kind: 'polygons', polygons: segmentation }) - area)).toBeLessThan(1e-9 * area)
  })

  it('bounds a mask by its pixels, also when a run crosses into the next column', () => {
    // 3 rows × 4 columns; foreground: column 1 rows 2, column 2 rows 0–1 (one run across the column boundary).
    const mask = { kind: 'mask' as const, rle: { size: [3, 4] as [number, number], counts: [5, 3, 4] } }
    expect(shapeBounds(mask)).toEqual({ x: 1, y: 0, width: 2, height: 3 })
    expect(shapeArea(mask)).toBe(3)
  })
})
