import { describe, expect, it } from 'vitest'
import { countLosses, describeLoss, FORMAT_CARRIES, type AnnotationSet } from '../../../../src/main/engines/formats'

/** One of everything a format may or may not hold. */
const SET: AnnotationSet = {
  classes: ['cat', 'dog'],
  fields: { info: { year: 2017 }, licenses: [] },
  classExtra: { cat: { supercategory: 'animal' } },
  images: [
    {
      file: 'a.jpg',
      width: 100,
      height: 50,
      tags: ['cat'],
      extra: { license: 3 },
      dicom: { sopInstanceUid: '1.2.3', frameNumber: 1 },
      boxes: [
        { label: 'cat', x: 0, y: 0, width: 20, height: 20, shape: { kind: 'polygons', polygons: [[0, 0, 10, 0, 10, 10], [12, 12, 20, 12, 20, 20]] }, area: 90 },
        { label: 'dog', x: 1, y: 0, width: 1, height: 2, shape: { kind: 'mask', rle: { size: [50, 100], counts: [50, 2, 4948] } }, crowd: true },
        { label: 'dog', x: 5, y: 5, width: 5, height: 5, difficult: true, extra: { note: 'x' } },
      ],
    },
  ],
}

describe('what each export format leaves behind, with counts', () => {
  it('lists per kind of information, for every format', () => {
    const lost = (format: keyof typeof FORMAT_CARRIES) => countLosses(SET, FORMAT_CARRIES[format]).map(describeLoss)
    expect(lost('coco')).toEqual([
      '1 image tag not representable in this format',
      '1 box with difficult/truncated/pose not representable in this format',
    ])
    const notCoco = [
      '3 dataset or class fields from a COCO source (info, licenses, supercategory…) not representable in this format',
      "source fields of 1 image (COCO’s license, coco_url…) not representable in this format",
    ]
    expect(lost('yolo')).toEqual([
      '1 image tag not representable in this format',
      '1 crowd region will be written as ordinary objects (this format has no crowd flag)',
      '1 stored COCO area not representable in this format',
      '1 box with difficult/truncated/pose not representable in this format',
      '1 polygon will be written as boxes',
      '1 mask will be written as boxes',
      ...notCoco,
      'source fields of 1 object (COCO keys Loupe does not use) not representable in this format',
      '1 DICOM reference (study, series and instance UIDs, frame number) not representable in this format',
    ])
    expect(lost('yolo-seg')).toEqual([
      '1 image tag not representable in this format',
      '1 crowd region will be written as ordinary objects (this format has no crowd flag)',
      '1 stored COCO area not representable in this format',
      '1 box with difficult/truncated/pose not representable in this format',
      '1 mask will be written as boxes',
      '1 box without a shape will be written as rectangle polygons',
      '1 object of several polygons will be written as one line per polygon (read back as separate objects)',
      ...notCoco,
      'source fields of 1 object (COCO keys Loupe does not use) not representable in this format',
      '1 DICOM reference (study, series and instance UIDs, frame number) not representable in this format',
    ])
    expect(lost('voc')).toEqual([
      '1 image tag not representable in this format',
      '1 crowd region will be written as ordinary objects (this format has no crowd flag)',
      '1 stored COCO area not representable in this format',
      '1 polygon will be written as masks (pixels)',
      ...notCoco,
      'source fields of 1 object (COCO keys Loupe does not use) not representable in this format',
    ])
    expect(lost('folders')).toEqual([
      '3 boxes not representable in this format',
      ...notCoco,
      '1 DICOM reference (study, series and instance UIDs, frame number) not representable in this format',
    ])
  })
})
