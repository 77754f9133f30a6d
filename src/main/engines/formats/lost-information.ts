import type { ExportLoss } from '../../../shared/api/schemas'
import type { AnnotationSet, Box } from './model'

/** What of the model a format carries; everything else is counted as lost. */
export interface Carries {
  boxes?: boolean
  tags?: boolean
  crowd?: boolean
  area?: boolean
  vocFlags?: boolean
  /** DICOM references (study, series and instance UIDs, frame number). */
  dicom?: boolean
  polygons?: boolean
  /** Writes polygons as their pixels, which read back as masks (VOC's segmentation PNGs). */
  polygonsAsMasks?: boolean
  masks?: boolean
  /** Writes every object as a polygon: a box without a shape becomes its rectangle (YOLO segmentation). */
  polygonsOnly?: boolean
  /** Fields a COCO source had that the model has no place for (info, licenses, supercategory, image and object keys). */
  sourceFields?: boolean
}

/** What each export format carries (see each writer). */
export const FORMAT_CARRIES = {
  coco: { boxes: true, crowd: true, area: true, dicom: true, polygons: true, masks: true, sourceFields: true },
  yolo: { boxes: true },
  'yolo-seg': { boxes: true, polygons: true, polygonsOnly: true },
  voc: { boxes: true, vocFlags: true, dicom: true, masks: true, polygonsAsMasks: true },
  folders: { tags: true },
} as const satisfies Record<string, Carries>

/**
 * Counts, per kind of information, what an export will leave behind or change, so that the UI can say so before it
 * runs and in its result rather than lose it silently (e.g. image-level tags written as COCO, polygons written as YOLO
 * boxes).
 */
export function countLosses(set: AnnotationSet, carries: Carries): ExportLoss[] {
  let boxes = 0
  let tags = 0
  let crowd = 0
  let area = 0
  let flags = 0
  let dicom = 0
  let polygons = 0
  let masks = 0
  let plain = 0
  let inParts = 0
  let imageFields = 0
  let objectFields = 0
  for (const image of set.images) {
    if (image.dicom) dicom++
    if (image.extra) imageFields++
    tags += image.tags.length
    boxes += image.boxes.length
    for (const box of image.boxes) {
      if (box.crowd) crowd++
      if (box.area !== undefined) area++
      if (hasVocFlags(box)) flags++
      if (box.shape?.kind === 'polygons') {
        polygons++
        if (box.shape.polygons.length > 1) inParts++
      } else if (box.shape?.kind === 'mask') masks++
      else plain++
      if (box.extra) objectFields++
    }
  }
  const losses: ExportLoss[] = []
  const lose = (kind: ExportLoss['kind'], count: number, when = true) => {
    if (when && count > 0) losses.push({ kind, count })
  }
  lose('boxes', boxes, !carries.boxes)
  lose('imageTags', tags, !carries.tags)
  if (carries.boxes) {
    lose('crowd', crowd, !carries.crowd)
    lose('cocoArea', area, !carries.area)
    lose('vocFlags', flags, !carries.vocFlags)
    lose('polygonsAsBoxes', polygons, !carries.polygons && !carries.polygonsAsMasks)
    lose('polygonsAsMasks', polygons, carries.polygonsAsMasks === true)
    lose('masksAsBoxes', masks, !carries.masks)
  }
  lose('boxesAsPolygons', plain, carries.polygonsOnly === true)
  lose('polygonsInParts', inParts, carries.polygonsOnly === true)
  if (!carries.sourceFields) {
    lose('datasetFields', Object.keys(set.fields ?? {}).length + Object.keys(set.classExtra ?? {}).length)
    lose('imageFields', imageFields)
    lose('objectFields', objectFields, carries.boxes === true)
  }
  lose('dicom', dicom, !carries.dicom)
  return losses
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : what.endsWith('x') ? 'es' : 's'}`

/** Each kind of loss in an English sentence (the CLI's; the renderer's catalogue says the same in its languages). */
const SENTENCES: Record<ExportLoss['kind'], (n: number) => string> = {
  boxes: (n) => `${count(n, 'box')} not representable in this format`,
  imageTags: (n) => `${count(n, 'image tag')} not representable in this format`,
  crowd: (n) => `${count(n, 'crowd region')} will be written as ordinary objects (this format has no crowd flag)`,
  cocoArea: (n) => `${count(n, 'stored COCO area')} not representable in this format`,
  vocFlags: (n) => `${count(n, 'box')} with difficult/truncated/pose not representable in this format`,
  polygonsAsBoxes: (n) => `${count(n, 'polygon')} will be written as boxes`,
  polygonsAsMasks: (n) => `${count(n, 'polygon')} will be written as masks (pixels)`,
  masksAsBoxes: (n) => `${count(n, 'mask')} will be written as boxes`,
  boxesAsPolygons: (n) => `${count(n, 'box')} without a shape will be written as rectangle polygons`,
  polygonsInParts: (n) => `${count(n, 'object')} of several polygons will be written as one line per polygon (read back as separate objects)`,
  datasetFields: (n) => `${count(n, 'dataset or class field')} from a COCO source (info, licenses, supercategory…) not representable in this format`,
  imageFields: (n) => `source fields of ${count(n, 'image')} (COCO’s license, coco_url…) not representable in this format`,
  objectFields: (n) => `source fields of ${count(n, 'object')} (COCO keys Loupe does not use) not representable in this format`,
  dicom: (n) => `${n} DICOM reference${n === 1 ? '' : 's'} (study, series and instance UIDs, frame number) not representable in this format`,
  unlabelledBoxes: (n) => `${count(n, 'box')} without a label ${n === 1 ? 'was' : 'were'} left out`,
}

export const describeLoss = (loss: ExportLoss): string => SENTENCES[loss.kind](loss.count)

function hasVocFlags(box: Box): boolean {
  return box.difficult === true || box.truncated === true || (box.pose !== undefined && box.pose !== 'Unspecified')
}
