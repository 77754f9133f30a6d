import { dirname, relative } from 'node:path'
import {
  exportNames,
  fromCarriedFields,
  type AnnotatedImage,
  type AnnotationSet,
  type Box,
  type DicomReference,
  type Distinct,
} from '../../engines/formats'
import { SHAPE_SELECT, shapeFields, type ShapeColumns } from '../annotations'
import type { Db } from '../../platform/storage/database'
import { dicomImageName } from '../../engines/datasets/dicom-names'
import { toPosix } from '../../engines/datasets/image-sizes'

export interface CatalogueSet {
  set: AnnotationSet
  /** Where each image is on disk, by its name in the set: its file, and for DICOM the frame. */
  sources: Map<string, ImageSource>
  /** Boxes left out because no class was ever chosen for them. */
  unlabelledBoxes: number
  /** Images whose names had to change to fit the export, said in words. */
  renamed: string[]
}

/** How the export names images: see exportNames. */
export interface ExportNaming {
  portable: boolean
  distinct: Distinct
}

export interface ImageSource {
  path: string
  /** A DICOM frame (0-based), which an export writes as a PNG; null for other images, whose file is copied. */
  dicomFrame: number | null
}

interface ImageRow {
  id: number
  path: string
  frame: number
  format: string
  width: number
  height: number
  studyUid: string | null
  seriesUid: string | null
  sopInstanceUid: string | null
  frameCount: number | null
  extra: string | null
}

type BoxRow = { imageId: number; label: string; x: number; y: number; width: number; height: number } & ShapeColumns

/**
 * The catalogue, or only the images `only` names, as an annotation set. Every class stays in it, used or not, so class
 * ids are the same whichever images are exported. Images are named by their path relative to the folder all of them share,
 * so sub-folders survive and names stay unique; classes keep their creation order (YOLO ids, COCO categories).
 * DICOM images are named as the PNG an export makes of them, one per frame (see dicomImageName), and carry their
 * DICOM reference. Then every name is made one the export can use (`naming`): a name the file system allowed (a line
 * break, a backslash) or two names that would meet in one file never stop an export.
 */
export function catalogueAsSet(db: Db, naming: ExportNaming, only?: ReadonlySet<number>): CatalogueSet {
  const all = db
    .prepare(
      `SELECT i.id, i.path, i.frame, i.format, i.width, i.height, d.study_uid AS studyUid, d.series_uid AS seriesUid,
              d.sop_instance_uid AS sopInstanceUid, d.frame_count AS frameCount, i.extra
       FROM images i LEFT JOIN dicom_images d ON d.image_id = i.id ORDER BY i.id`,
    )
    .all() as ImageRow[]
  const images = only ? all.filter((image) => only.has(image.id)) : all
  const labels = db.prepare('SELECT name, extra FROM labels ORDER BY id').all() as { name: string; extra: string | null }[]
  const classes = labels.map((r) => r.name)
  const boxes = groupBy(
    db
      .prepare(
        `SELECT b.image_id AS imageId, l.name AS label, b.x, b.y, b.width, b.height, ${SHAPE_SELECT}
         FROM boxes b JOIN labels l ON l.id = b.label_id ORDER BY b.id`,
      )
      .all() as BoxRow[],
  )
  const unlabelled = new Map(
    (db.prepare('SELECT image_id AS imageId, count(*) AS n FROM boxes WHERE label_id IS NULL GROUP BY image_id').all() as {
      imageId: number
      n: number
    }[]).map((row) => [row.imageId, row.n]),
  )
  const tags = groupBy(
    db
      .prepare(
        `SELECT il.image_id AS imageId, l.name AS label FROM image_labels il JOIN labels l ON l.id = il.label_id
         ORDER BY l.id`,
      )
      .all() as { imageId: number; label: string }[],
  )
  const unlabelledBoxes = images.reduce((sum, image) => sum + (unlabelled.get(image.id) ?? 0), 0)

  const root = commonFolder(images.map((image) => image.path))
  const named = exportNames(
    images.map((image) => {
      const relativePath = toPosix(relative(root, image.path))
      return image.format === 'dicom' ? dicomImageName(relativePath, image.frame, image.frameCount ?? 1) : relativePath
    }),
    naming,
  )
  const sources = new Map<string, ImageSource>()
  const set: AnnotationSet = {
    classes,
    images: images.map((image, i) => {
      const isDicom = image.format === 'dicom'
      const file = named.names[i]!
      sources.set(file, { path: image.path, dicomFrame: isDicom ? image.frame : null })
      const annotated: AnnotatedImage = {
        file,
        width: image.width,
        height: image.height,
        boxes: (boxes.get(image.id) ?? []).map(setBox),
        tags: (tags.get(image.id) ?? []).map((tag) => tag.label),
      }
      if (isDicom) annotated.dicom = dicomReference(image)
      if (image.extra !== null) annotated.extra = JSON.parse(image.extra) as Record<string, unknown>
      return annotated
    }),
    ...sourceFields(db, labels),
  }
  return { set, sources, unlabelledBoxes, renamed: named.warnings }
}

/** A stored object as the formats' model has it: its shape and crowd flag, its carried fields in their places. */
function setBox({ label, x, y, width, height, ...columns }: BoxRow): Box {
  const { shape, crowd, extra } = shapeFields(columns)
  return { label, x, y, width, height, ...(shape && { shape }), ...(crowd && { crowd }), ...fromCarriedFields(extra) }
}

/** The dataset's and its classes' fields kept from a COCO import (see imports' keepSourceFields). */
function sourceFields(db: Db, labels: { name: string; extra: string | null }[]): Pick<AnnotationSet, 'fields' | 'classExtra'> {
  const rows = db.prepare(`SELECT key, value FROM dataset_fields WHERE format = 'coco'`).all() as { key: string; value: string }[]
  const classExtra = labels.filter((label) => label.extra !== null).map((label) => [label.name, JSON.parse(label.extra!)] as const)
  return {
    ...(rows.length > 0 && { fields: Object.fromEntries(rows.map(({ key, value }) => [key, JSON.parse(value) as unknown])) }),
    ...(classExtra.length > 0 && { classExtra: Object.fromEntries(classExtra) as Record<string, Record<string, unknown>> }),
  }
}

function dicomReference(image: ImageRow): DicomReference {
  return {
    ...(image.studyUid ? { studyInstanceUid: image.studyUid } : {}),
    ...(image.seriesUid ? { seriesInstanceUid: image.seriesUid } : {}),
    ...(image.sopInstanceUid ? { sopInstanceUid: image.sopInstanceUid } : {}),
    frameNumber: image.frame + 1,
  }
}

function groupBy<T extends { imageId: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const group = groups.get(row.imageId)
    if (group) group.push(row)
    else groups.set(row.imageId, [row])
  }
  return groups
}

function commonFolder(paths: string[]): string {
  const [first, ...rest] = paths
  if (first === undefined) return '/'
  let folder = dirname(first)
  for (const path of rest) {
    while (!path.startsWith(folder.endsWith('/') ? folder : `${folder}/`)) {
      const parent = dirname(folder)
      if (parent === folder) return folder
      folder = parent
    }
  }
  return folder
}
