import { withoutExtension } from './export-folder'
import type { AnnotationSet } from './model'

export interface ImageMatch {
  /** image.file → the available file it names. */
  matched: Map<string, string>
  /** Images naming no available file. */
  missing: string[]
  /** Images whose name fits several available files (e.g. "a" → a.jpg and a.png). */
  ambiguous: string[]
}

/**
 * Finds the image file each annotated image names, among `available` paths relative to the images
 * root: the exact name, else the one file with the same name and any extension. Formats name images
 * loosely (some VOC files give `<filename>patches_12</filename>` for patches_12.jpg); matching here
 * instead of rewriting `file` keeps the set exporting exactly what it imported.
 */
export function matchImageFiles(set: AnnotationSet, available: Iterable<string>): ImageMatch {
  const exact = new Set<string>()
  const byStem = new Map<string, string[]>()
  for (const file of available) {
    exact.add(file)
    const stem = withoutExtension(file)
    byStem.set(stem, [...(byStem.get(stem) ?? []), file])
  }
  const result: ImageMatch = { matched: new Map(), missing: [], ambiguous: [] }
  for (const { file } of set.images) {
    if (exact.has(file)) {
      result.matched.set(file, file)
      continue
    }
    // "patches_12" names patches_12.jpg; "a.jpg" does not name a.png.
    const [only, ...more] = byStem.get(file) ?? []
    if (only === undefined) result.missing.push(file)
    else if (more.length > 0) result.ambiguous.push(file)
    else result.matched.set(file, only)
  }
  return result
}
