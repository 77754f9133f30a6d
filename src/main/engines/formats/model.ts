import type { Shape } from '../../../shared/api/schemas'

/**
 * The in-memory annotation model that every format reads into and writes from.
 *
 * Coordinates are continuous image pixels with the origin at the image's top-left corner:
 * a box `{ x: 0, y: 0, width: 1, height: 1 }` covers exactly the top-left pixel. Floats are allowed.
 * Each format converts to and from this one convention (see the reader/writer of each format).
 */

export interface Box {
  /** One of `AnnotationSet.classes`. */
  label: string
  x: number
  y: number
  width: number
  height: number
  /**
   * Id the box had in the file it came from (COCO annotation id). Writers keep it so a COCO
   * round trip keeps ids stable; writers assign fresh ids where it is absent.
   */
  id?: number
  /** COCO `iscrowd`: the box covers a group of objects. */
  crowd?: boolean
  /**
   * COCO `area` as the source stored it (usually the segmentation's area, not width × height).
   * Kept because evaluation buckets boxes by it. Whoever edits the box's geometry must delete it;
   * writers fall back to width × height when it is absent.
   */
  area?: number
  /** Pascal VOC `<difficult>`. */
  difficult?: boolean
  /** Pascal VOC `<truncated>`. */
  truncated?: boolean
  /** Pascal VOC `<pose>` (e.g. "Unspecified", "Left"). */
  pose?: string
  /**
   * The object's outline (COCO segmentation, a YOLO segmentation line); the box is its bounds. Polygon coordinates
   * are in the same continuous pixels as the box.
   */
  shape?: Shape
  /** The source's fields of this object that the model has no place for (COCO keys beyond the known ones). */
  extra?: Record<string, unknown>
}

export interface AnnotatedImage {
  /**
   * The image's path relative to the images root, with `/` separators, exactly as the format names it
   * (a VOC `<filename>` may lack an extension; use `matchImageFiles` to find the file on disk).
   * Unique within a set.
   */
  file: string
  width: number
  height: number
  boxes: Box[]
  /** Image-level classes (classification labels), each one of `AnnotationSet.classes`. */
  tags: string[]
  /** Image id from a COCO file; kept so a round trip keeps ids stable. */
  id?: number
  /** Pascal VOC `<size><depth>` (channels) as the source stated it. */
  depth?: number
  /** The DICOM frame this image is, so that it can be found again whatever it is called (COCO and VOC keep it). */
  dicom?: DicomReference
  /** The source's fields of this image that the model has no place for (COCO's license, date_captured, coco_url…). */
  extra?: Record<string, unknown>
}

/**
 * A DICOM frame by identity: the instance (SOP Instance UID) and the frame in it, with the study and series the
 * instance belongs to. UIDs are absent when the file has none.
 */
export interface DicomReference {
  studyInstanceUid?: string
  seriesInstanceUid?: string
  sopInstanceUid?: string
  /** 1-based, as DICOM numbers frames (Referenced Frame Number); 1 for a single-frame file. */
  frameNumber: number
}

export interface AnnotationSet {
  /**
   * Class names in order. The order is meaningful: YOLO class id = index; COCO category id =
   * `categoryIds[index]` when present, else index + 1. Names are unique, non-empty, have no
   * leading/trailing whitespace and no control characters (see `classNameProblem`).
   */
  classes: string[]
  /** COCO category ids, parallel to `classes`, kept from a COCO source so ids survive a round trip. */
  categoryIds?: number[]
  images: AnnotatedImage[]
  /** Fields of a class the model has no place for (COCO's supercategory, unknown category keys), by class name. */
  classExtra?: Record<string, Record<string, unknown>>
  /** The dataset's own fields (COCO's info, licenses and unknown top-level keys). */
  fields?: Record<string, unknown>
}

export type { Shape }

export interface ImageSize {
  width: number
  height: number
}

/**
 * How far (in pixels) a box may reach beyond the image before it counts as malformed.
 * One pixel absorbs the off-by-one of tools that disagree about 0- or 1-based VOC indices
 * and the rounding of normalised YOLO numbers, while still catching real mistakes.
 */
export const OUTSIDE_TOLERANCE_PX = 1

/** Why a box can't belong to an image of this size, or undefined when it can. */
export function boxProblem(box: Pick<Box, 'x' | 'y' | 'width' | 'height'>, image: ImageSize): string | undefined {
  const { x, y, width, height } = box
  if (![x, y, width, height].every(Number.isFinite)) return `box has a non-numeric coordinate (${x}, ${y}, ${width}, ${height})`
  if (width <= 0 || height <= 0) return `box has zero or negative size (${width} × ${height})`
  const t = OUTSIDE_TOLERANCE_PX
  if (x < -t || y < -t || x + width > image.width + t || y + height > image.height + t) {
    return `box (x ${x}, y ${y}, w ${width}, h ${height}) lies outside the ${image.width} × ${image.height} image`
  }
  return undefined
}

/** Why a string can't be a class name, or undefined when it can. */
export function classNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'class name is empty'
  if (name.trim() !== name) return `class name ${JSON.stringify(name)} has leading or trailing whitespace`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `class name ${JSON.stringify(name)} contains a control character`
  return undefined
}

export function isPositiveSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0
}

/**
 * Why a value can't be a DICOM UID, or undefined when it can. PS3.5 §9.1 allows up to 64 digits and dots; files in the
 * wild break the character rule now and then, so only what could not be an identifier at all is refused.
 */
export function uidProblem(uid: string): string | undefined {
  if (uid.length === 0) return 'UID is empty'
  if (uid.length > 64) return `UID ${JSON.stringify(uid.slice(0, 64))}… is longer than 64 characters`
  if (!/^[\x21-\x7e]+$/.test(uid)) return `UID ${JSON.stringify(uid)} has spaces, control or non-ASCII characters`
  return undefined
}
