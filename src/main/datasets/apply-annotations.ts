import type { AnnotationImportSummary, AnnotationSource } from '../../shared/api/schemas'
import type { CatalogService } from '../catalog/catalog-service'
import { FormatError, matchImageFiles, type AnnotationSet, type Problem, type ReadResult } from '../formats'
import type { Db } from '../storage/database'

/**
 * Attaches annotations read from a dataset to the catalogue's images in one transaction: all of them or, when the
 * file names images that are not there and skipping was not asked for, none. Boxes already present (same class, same
 * place) are not added twice, so importing the same annotations again changes nothing.
 */
export function applyAnnotations(
  db: Db,
  catalog: CatalogService,
  source: AnnotationSource,
  read: ReadResult,
  imageIdByFile: ReadonlyMap<string, number>,
): AnnotationImportSummary {
  const { set } = read
  const match = matchImageFiles(set, imageIdByFile.keys())
  const unmatched: Problem[] = [
    ...match.missing.map((file) => ({ file, message: 'names an image that is not in the imported folder' })),
    ...match.ambiguous.map((file) => ({ file, message: 'names several images (same name, other extensions)' })),
  ]
  if (unmatched.length > 0 && !source.skipInvalid) throw new FormatError(unmatched)

  const summary: AnnotationImportSummary = {
    format: source.format,
    images: 0,
    boxes: 0,
    tags: 0,
    classes: set.classes.length,
    skippedCount: read.skippedCount + unmatched.length,
    skipped: [...read.skipped, ...unmatched].map(({ file, entry, message }) =>
      entry === undefined ? { file, reason: message } : { file, entry, reason: message },
    ),
  }
  db.transaction(() => {
    // Classes are created in the file's order, so an export lists them (and numbers YOLO ids) the same way.
    const labelIds = new Map(set.classes.map((name) => [name, catalog.ensureLabel(name)]))
    for (const image of set.images) {
      const file = match.matched.get(image.file)
      const imageId = file === undefined ? undefined : imageIdByFile.get(file)
      if (imageId === undefined) continue
      summary.images++
      summary.boxes += addBoxes(db, imageId, image, labelIds)
      for (const tag of image.tags) {
        catalog.addLabel(imageId, tag)
        summary.tags++
      }
    }
  })()
  return summary
}

function addBoxes(
  db: Db,
  imageId: number,
  image: AnnotationSet['images'][number],
  labelIds: ReadonlyMap<string, number>,
): number {
  const exists = db.prepare(
    'SELECT 1 FROM boxes WHERE image_id = ? AND label_id IS ? AND x = ? AND y = ? AND width = ? AND height = ?',
  )
  const insert = db.prepare(
    `INSERT INTO boxes (image_id, label_id, x, y, width, height, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const stamp = new Date().toISOString()
  let added = 0
  for (const box of image.boxes) {
    const labelId = labelIds.get(box.label) ?? null
    if (exists.get(imageId, labelId, box.x, box.y, box.width, box.height)) continue
    insert.run(imageId, labelId, box.x, box.y, box.width, box.height, stamp, stamp)
    added++
  }
  if (added > 0) db.prepare(`UPDATE images SET status = 'labelled' WHERE id = ? AND status = 'unlabelled'`).run(imageId)
  return added
}
