import type { LabelledBox } from '../../engines/detection/boxes'
import type { Db } from '../../platform/storage/database'

/** A present catalogue image with its boxes, their classes as indices into the detector's class list. */
export interface BoxedImage {
  imageId: number
  path: string
  contentHash: string
  width: number
  height: number
  boxes: LabelledBox[]
}

export interface BoxClassCount {
  label: string
  boxes: number
  images: number
}

/**
 * Box classes with how many boxes and images each has on present images (of `only`, when given), by name. Crowd
 * regions are not counted: they teach no box (see LabelledBox).
 */
export function countBoxClasses(db: Db, only?: readonly string[]): BoxClassCount[] {
  return db
    .prepare(
      `SELECT l.name AS label, count(*) AS boxes, count(DISTINCT b.image_id) AS images
       FROM boxes b JOIN labels l ON l.id = b.label_id JOIN images i ON i.id = b.image_id
       WHERE i.missing = 0 AND b.crowd = 0 AND (@only IS NULL OR l.name IN (SELECT value FROM json_each(@only)))
       GROUP BY l.name ORDER BY l.name`,
    )
    .all({ only: only ? JSON.stringify(only) : null }) as BoxClassCount[]
}

/**
 * Every present image with at least one box of `classes`, in the order of their paths (the split is seeded over this
 * order, and ids follow the order an import happened to finish files in, so the same boxes must give the same split), its boxes as fractions of the image's size
 * (boxes are stored in the pixels of the image as displayed, which is what the catalogue's width and height measure).
 * Boxes of other classes are left out of the image's truth; crowd regions stay in it, marked (see LabelledBox), but an
 * image holding nothing but crowd regions is left out, as it has no box to find and no class to stratify on.
 */
export function collectBoxedImages(db: Db, classes: readonly string[]): BoxedImage[] {
  const rows = db
    .prepare(
      `SELECT i.id AS imageId, i.path, i.content_hash AS contentHash, i.width AS imageWidth, i.height AS imageHeight,
              l.name AS label, b.x, b.y, b.width, b.height, b.crowd
       FROM boxes b JOIN labels l ON l.id = b.label_id JOIN images i ON i.id = b.image_id
       WHERE i.missing = 0 AND l.name IN (SELECT value FROM json_each(?))
       ORDER BY i.path, i.id, b.id`,
    )
    .all(JSON.stringify(classes)) as {
    imageId: number
    path: string
    contentHash: string
    imageWidth: number
    imageHeight: number
    label: string
    x: number
    y: number
    width: number
    height: number
    crowd: 0 | 1
  }[]
  const images = new Map<number, BoxedImage>()
  for (const row of rows) {
    let image = images.get(row.imageId)
    if (!image) {
      image = { imageId: row.imageId, path: row.path, contentHash: row.contentHash, width: row.imageWidth, height: row.imageHeight, boxes: [] }
      images.set(row.imageId, image)
    }
    image.boxes.push({
      classIndex: classes.indexOf(row.label),
      x: row.x / row.imageWidth,
      y: row.y / row.imageHeight,
      width: row.width / row.imageWidth,
      height: row.height / row.imageHeight,
      ...(row.crowd === 1 && { crowd: true }),
    })
  }
  return [...images.values()].filter((image) => image.boxes.some((box) => !box.crowd))
}

/** The class of most of an image's boxes (ties to the lower index): what the split stratifies on. */
export function mainClass(image: BoxedImage): number {
  const counts = new Map<number, number>()
  for (const box of image.boxes) if (!box.crowd) counts.set(box.classIndex, (counts.get(box.classIndex) ?? 0) + 1)
  let best = -1
  let most = 0
  for (const [classIndex, count] of counts) {
    if (count > most || (count === most && classIndex < best)) {
      best = classIndex
      most = count
    }
  }
  return best
}
