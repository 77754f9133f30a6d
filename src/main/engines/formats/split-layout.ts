import type { SplitPart } from '../../../shared/api/schemas'
import type { AnnotationSet } from './model'

/** Which part of a split each image of a set goes to (by its `file`), and the parts an export writes, in order. */
export interface SplitLayout {
  parts: readonly SplitPart[]
  partOf: ReadonlyMap<string, SplitPart>
}

/** The set's images in each part, in set order, each part with every class of the set (so class ids agree). */
export function setsByPart(set: AnnotationSet, layout: SplitLayout): { part: SplitPart; set: AnnotationSet }[] {
  return layout.parts.map((part) => ({
    part,
    set: { ...set, images: set.images.filter((image) => layout.partOf.get(image.file) === part) },
  }))
}
