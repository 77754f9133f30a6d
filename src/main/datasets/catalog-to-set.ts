import { dirname, relative } from 'node:path'
import type { AnnotationSet } from '../formats'
import type { Db } from '../storage/database'
import { toPosix } from './image-sizes'

export interface CatalogueSet {
  set: AnnotationSet
  /** Where each image's file is on disk, by its name in the set. */
  sourceOf: Map<string, string>
  /** Boxes left out because no class was ever chosen for them. */
  unlabelledBoxes: number
}

/**
 * The whole catalogue as an annotation set. Images are named by their path relative to the folder all of them share,
 * so sub-folders survive and names stay unique; classes keep their creation order (YOLO ids, COCO categories).
 */
export function catalogueAsSet(db: Db): CatalogueSet {
  const images = db.prepare('SELECT id, path, width, height FROM images ORDER BY id').all() as {
    id: number
    path: string
    width: number
    height: number
  }[]
  const classes = (db.prepare('SELECT name FROM labels ORDER BY id').all() as { name: string }[]).map((r) => r.name)
  const boxes = groupBy(
    db
      .prepare(
        `SELECT b.image_id AS imageId, l.name AS label, b.x, b.y, b.width, b.height
         FROM boxes b JOIN labels l ON l.id = b.label_id ORDER BY b.id`,
      )
      .all() as { imageId: number; label: string; x: number; y: number; width: number; height: number }[],
  )
  const tags = groupBy(
    db
      .prepare(
        `SELECT il.image_id AS imageId, l.name AS label FROM image_labels il JOIN labels l ON l.id = il.label_id
         ORDER BY l.id`,
      )
      .all() as { imageId: number; label: string }[],
  )
  const unlabelledBoxes = (db.prepare('SELECT count(*) AS n FROM boxes WHERE label_id IS NULL').get() as { n: number }).n

  const root = commonFolder(images.map((image) => image.path))
  const sourceOf = new Map<string, string>()
  const set: AnnotationSet = {
    classes,
    images: images.map((image) => {
      const file = toPosix(relative(root, image.path))
      sourceOf.set(file, image.path)
      return {
        file,
        width: image.width,
        height: image.height,
        boxes: (boxes.get(image.id) ?? []).map(({ label, x, y, width, height }) => ({ label, x, y, width, height })),
        tags: (tags.get(image.id) ?? []).map((tag) => tag.label),
      }
    }),
  }
  return { set, sourceOf, unlabelledBoxes }
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
