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
  voc: { boxes: true, vocFlags: true, dicom: true, masks: true },
  folders: { tags: true },
} as const satisfies Record<string, Carries>

/**
 * Says, per kind of information and with counts, what an export will leave behind or change, so that the UI can say
 * so before it runs and in its result rather than lose it silently (e.g. image-level tags written as COCO, polygons
 * written as YOLO boxes).
 */
export function lostInformation(set: AnnotationSet, carries: Carries): string[] {
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
      }
      else if (box.shape?.kind === 'mask') masks++
      else plain++
      if (box.extra) objectFields++
    }
  }
  const lost: string[] = []
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : what.endsWith('x') ? 'es' : 's'}`
  const note = (n: number, what: string) => n > 0 && lost.push(`${count(n, what)} not representable in this format`)
  const say = (n: number, sentence: string) => n > 0 && lost.push(sentence)
  if (!carries.boxes) note(boxes, 'box')
  if (!carries.tags) note(tags, 'image tag')
  if (carries.boxes && !carries.crowd) say(crowd, `${count(crowd, 'crowd region')} will be written as ordinary objects (this format has no crowd flag)`)
  if (carries.boxes && !carries.area) note(area, 'stored COCO area')
  if (carries.boxes && !carries.vocFlags) say(flags, `${count(flags, 'box')} with difficult/truncated/pose not representable in this format`)
  if (carries.boxes && !carries.polygons) say(polygons, `${count(polygons, 'polygon')} will be written as boxes`)
  if (carries.boxes && !carries.masks) say(masks, `${count(masks, 'mask')} will be written as boxes`)
  if (carries.polygonsOnly) {
    say(plain, `${count(plain, 'box')} without a shape will be written as rectangle polygons`)
    say(inParts, `${count(inParts, 'object')} of several polygons will be written as one line per polygon (read back as separate objects)`)
  }
  if (!carries.sourceFields) {
    const datasetFields = Object.keys(set.fields ?? {}).length + Object.keys(set.classExtra ?? {}).length
    say(datasetFields, `${count(datasetFields, 'dataset or class field')} from a COCO source (info, licenses, supercategory…) not representable in this format`)
    say(imageFields, `source fields of ${count(imageFields, 'image')} (COCO's license, coco_url…) not representable in this format`)
    if (carries.boxes) say(objectFields, `source fields of ${count(objectFields, 'object')} (COCO keys Loupe does not use) not representable in this format`)
  }
  if (!carries.dicom && dicom > 0) {
    lost.push(`${dicom} DICOM reference${dicom === 1 ? '' : 's'} (study, series and instance UIDs, frame number) not representable in this format`)
  }
  return lost
}

function hasVocFlags(box: Box): boolean {
  return box.difficult === true || box.truncated === true || (box.pose !== undefined && box.pose !== 'Unspecified')
}
