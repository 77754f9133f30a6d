import type { AnnotationImportSummary, AnnotationSource } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import { shapeColumns } from '../annotations'
import { keepSourceFields } from './source-fields'
import {
  carriedFields,
  FormatError,
  matchImageFiles,
  withoutExtension,
  type AnnotatedImage,
  type AnnotationSet,
  type Problem,
  type ReadResult,
} from '../../engines/formats'
import type { Db } from '../../platform/storage/database'
import { dicomImageName } from '../../engines/datasets/dicom-names'

/**
 * Attaches annotations read from a dataset to the catalogue's images in one transaction: all of them or, when the
 * file names images that are not there and skipping was not asked for, none. Boxes already present (same class, same
 * place) are not added twice, so importing the same annotations again changes nothing.
 *
 * `imageIdByFile` gives each imported file's catalogue image (its first frame) by its path relative to the dataset.
 * An annotated image is found by its DICOM reference (instance and frame) when it has one that the imported files
 * hold, else by its name: the file's, or the name an export gives a DICOM frame (`scan_frame3.png`).
 * Returns the summary and the labels the file's classes became, which then get hotkeys.
 */
export function applyAnnotations(
  db: Db,
  catalog: CatalogService,
  source: AnnotationSource,
  read: ReadResult,
  imageIdByFile: ReadonlyMap<string, number>,
): { summary: AnnotationImportSummary; labelIds: number[] } {
  const { set } = read
  const targets = catalogueTargets(db, imageIdByFile)
  const match = matchImageFiles(set, targets.byName.keys())
  const ambiguous = new Set(match.ambiguous)
  const unmatched: Problem[] = []
  const imageIdOf = new Map<AnnotatedImage, number>()
  for (const image of set.images) {
    const found = findImage(image, targets, match.matched, ambiguous)
    if (typeof found === 'number') imageIdOf.set(image, found)
    else unmatched.push({ file: image.file, message: found })
  }
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
  const labelIds = db.transaction(() => {
    // Classes are created in the file's order, so an export lists them (and numbers YOLO ids) the same way.
    const labelIds = new Map(set.classes.map((name) => [name, catalog.ensureLabel(name)]))
    for (const [image, imageId] of imageIdOf) {
      summary.images++
      summary.boxes += addBoxes(db, imageId, image, labelIds)
      for (const tag of image.tags) {
        catalog.addLabel(imageId, tag)
        summary.tags++
      }
    }
    const notes = keepSourceFields(db, source.format, set, imageIdOf, labelIds)
    if (notes.length > 0) summary.notes = notes
    return [...labelIds.values()]
  })()
  return { summary, labelIds }
}

interface CatalogueTargets {
  /** Imported files by their relative path, and DICOM frames also by their export names. */
  byName: Map<string, number>
  /** DICOM frames by instance and frame number (see referenceKey); an instance may be in several files. */
  byReference: Map<string, number[]>
}

interface FrameRow {
  id: number
  frame: number
  format: string
  sopInstanceUid: string | null
  frameCount: number | null
}

/** Every catalogue image the imported files gave: a multi-frame DICOM file gives one per frame. */
function catalogueTargets(db: Db, imageIdByFile: ReadonlyMap<string, number>): CatalogueTargets {
  const framesOf = db.prepare(
    `SELECT i.id, i.frame, i.format, d.sop_instance_uid AS sopInstanceUid, d.frame_count AS frameCount
     FROM images i LEFT JOIN dicom_images d ON d.image_id = i.id
     WHERE i.path = (SELECT path FROM images WHERE id = ?) ORDER BY i.frame`,
  )
  const byName = new Map(imageIdByFile)
  const byReference = new Map<string, number[]>()
  const aliases: [string, number][] = []
  for (const [file, firstId] of imageIdByFile) {
    for (const row of framesOf.all(firstId) as FrameRow[]) {
      if (row.format !== 'dicom') continue
      aliases.push([dicomImageName(file, row.frame, row.frameCount ?? 1), row.id])
      if (row.sopInstanceUid) {
        const key = referenceKey(row.sopInstanceUid, row.frame + 1)
        byReference.set(key, [...(byReference.get(key) ?? []), row.id])
      }
    }
  }
  // A file that really has an export name (scan.png beside scan.dcm) keeps it.
  for (const [name, id] of aliases) if (!byName.has(name)) byName.set(name, id)
  return { byName, byReference }
}

function referenceKey(sopInstanceUid: string, frameNumber: number): string {
  return `${sopInstanceUid}#${frameNumber}`
}

/** The image's catalogue id, or why there is none. */
function findImage(
  image: AnnotatedImage,
  targets: CatalogueTargets,
  matched: ReadonlyMap<string, string>,
  ambiguous: ReadonlySet<string>,
): number | string {
  const name = matched.get(image.file)
  let byName = name === undefined ? undefined : targets.byName.get(name)
  // "scan" names both scan.dcm and its export name scan.png: one image, so not ambiguous.
  if (byName === undefined && ambiguous.has(image.file)) {
    const sameStem = [...targets.byName].filter(([candidate]) => withoutExtension(candidate) === image.file)
    const ids = new Set(sameStem.map(([, id]) => id))
    if (ids.size === 1) byName = [...ids][0]
  }
  const sop = image.dicom?.sopInstanceUid
  const byReference = sop === undefined ? [] : (targets.byReference.get(referenceKey(sop, image.dicom!.frameNumber)) ?? [])
  if (byReference.length === 1) return byReference[0]!
  if (byReference.length > 1) {
    if (byName !== undefined && byReference.includes(byName)) return byName
    return 'its DICOM instance and frame are in several imported files, and its name does not say which'
  }
  if (byName !== undefined) return byName
  if (ambiguous.has(image.file)) return 'names several images (same name, other extensions)'
  return 'names an image that is not in the imported folder'
}

function addBoxes(
  db: Db,
  imageId: number,
  image: AnnotationSet['images'][number],
  labelIds: ReadonlyMap<string, number>,
): number {
  const exists = db.prepare(
    `SELECT 1 FROM boxes WHERE image_id = @imageId AND label_id IS @labelId AND x = @x AND y = @y AND width = @width
       AND height = @height AND shape IS @shape`,
  )
  const insert = db.prepare(
    `INSERT INTO boxes (image_id, label_id, x, y, width, height, shape, crowd, extra, created_at, updated_at)
     VALUES (@imageId, @labelId, @x, @y, @width, @height, @shape, @crowd, @extra, @stamp, @stamp)`,
  )
  const stamp = new Date().toISOString()
  let added = 0
  for (const box of image.boxes) {
    const extra = carriedFields(box)
    const row = {
      imageId,
      labelId: labelIds.get(box.label) ?? null,
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      ...shapeColumns({ ...(box.shape && { shape: box.shape }), ...(box.crowd && { crowd: true }), ...(extra && { extra }) }),
    }
    if (exists.get(row)) continue
    insert.run({ ...row, stamp })
    added++
  }
  if (added > 0) db.prepare(`UPDATE images SET status = 'labelled' WHERE id = ? AND status = 'unlabelled'`).run(imageId)
  return added
}
