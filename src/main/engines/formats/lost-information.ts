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
}

/**
 * Counts what an export leaves behind, so the UI can say so rather than lose it silently
 * (e.g. image-level tags written as COCO).
 */
export function lostInformation(set: AnnotationSet, carries: Carries): string[] {
  let boxes = 0
  let tags = 0
  let crowd = 0
  let area = 0
  let flags = 0
  let dicom = 0
  for (const image of set.images) {
    if (image.dicom) dicom++
    tags += image.tags.length
    boxes += image.boxes.length
    for (const box of image.boxes) {
      if (box.crowd) crowd++
      if (box.area !== undefined) area++
      if (hasVocFlags(box)) flags++
    }
  }
  const lost: string[] = []
  const note = (n: number, what: string) => n > 0 && lost.push(`${n} ${what}${n === 1 ? '' : 's'} not representable in this format`)
  if (!carries.boxes) note(boxes, 'box')
  if (!carries.tags) note(tags, 'image tag')
  if (carries.boxes && !carries.crowd) note(crowd, 'crowd flag')
  if (carries.boxes && !carries.area) note(area, 'stored COCO area')
  if (carries.boxes && !carries.vocFlags) note(flags, 'box with difficult/truncated/pose')
  if (!carries.dicom && dicom > 0) {
    lost.push(`${dicom} DICOM reference${dicom === 1 ? '' : 's'} (study, series and instance UIDs, frame number) not representable in this format`)
  }
  return lost
}

function hasVocFlags(box: Box): boolean {
  return box.difficult === true || box.truncated === true || (box.pose !== undefined && box.pose !== 'Unspecified')
}
