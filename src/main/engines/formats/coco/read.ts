import { readFile } from 'node:fs/promises'
import { dicomReferenceFrom } from '../dicom-reference'
import { boxProblem, classNameProblem, isPositiveSize, type AnnotatedImage, type Box, type DicomReference } from '../model'
import { ProblemLog, type ReadOptions, type ReadResult } from '../problems'
import { jsonErrorOffset } from './json-error-position'
import { shapeOfSegmentation } from './segmentation'
import { COCO_DICOM_KEYS } from './write'

/**
 * Reads a COCO "instances" JSON file (images, annotations with bbox, categories).
 *
 * - Classes are the categories sorted by id (COCO's own order, which is also YOLO's class order);
 *   the ids are kept in `categoryIds` so a round trip writes the same ids.
 * - Image and annotation ids are kept on the images and boxes.
 * - `iscrowd: 1` becomes `crowd: true`; `area` is kept for an object with a segmentation, and for a plain box when
 *   it differs from width × height (writers put width × height back when it is absent).
 * - `segmentation` polygons or RLE (compressed string or list counts) become the box's shape; `[]` means none.
 * - An image's `dicom` object (Loupe's, see CocoDicom) becomes its DICOM reference.
 * - Every other field is kept as it is, to be written back: the file's top-level keys (info, licenses…) in `fields`,
 *   a category's (supercategory…) in `classExtra`, an image's (license, coco_url…) and an annotation's in `extra`.
 */
export async function readCoco(jsonPath: string, options?: ReadOptions): Promise<ReadResult> {
  return parseCoco(await readFile(jsonPath, 'utf8'), jsonPath, options)
}

type Json = Record<string, unknown>

/** `file` names the source in problems. */
export function parseCoco(text: string, file: string, options?: ReadOptions): ReadResult {
  const log: ProblemLog = new ProblemLog()
  const root = parseJson(text, file, log)
  if (!isObject(root)) log.fatal(file, undefined, 'expected a JSON object with images, annotations and categories')
  const arrays = ['images', 'annotations', 'categories'].map((key) => {
    const value = root[key]
    if (!Array.isArray(value)) log.fatal(file, undefined, `missing the "${key}" array`)
    return value as unknown[]
  })
  const [images = [], annotations = [], categories = []] = arrays

  const classExtra: Record<string, Record<string, unknown>> = {}
  const classById = readCategories(categories, file, log, classExtra)
  const sortedIds = [...classById.keys()].sort((a, b) => a - b)
  const classes = sortedIds.map((id) => classById.get(id) as string)

  const { byId, skippedIds, list } = readImages(images, file, log)
  readAnnotations(annotations, file, log, { classById, byId, skippedIds })
  const fields = otherFields(root, TOP_LEVEL_KEYS)
  return log.finish(
    { classes, categoryIds: sortedIds, images: list, ...(Object.keys(classExtra).length > 0 && { classExtra }), ...(fields && { fields }) },
    options,
  )
}

function parseJson(text: string, file: string, log: ProblemLog): unknown {
  const json = text.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(json)
  } catch (error) {
    const message = (error as Error).message.replace(/,? ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')
    const offset = jsonErrorOffset(json)
    if (offset === undefined) log.fatal(file, undefined, `invalid JSON: ${message}`)
    const before = json.slice(0, offset).split('\n')
    log.fatal(file, `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`, `invalid JSON: ${message}`)
  }
}

const TOP_LEVEL_KEYS = new Set(['images', 'annotations', 'categories'])
const CATEGORY_KEYS = new Set(['id', 'name'])
const IMAGE_KEYS = new Set(['id', 'file_name', 'width', 'height', 'dicom'])
const ANNOTATION_KEYS = new Set(['id', 'image_id', 'category_id', 'bbox', 'area', 'iscrowd', 'segmentation'])

/** An entry's keys beyond those the model holds, as they are; undefined when there are none. */
function otherFields(entry: Json, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  const other = Object.entries(entry).filter(([key]) => !known.has(key))
  return other.length > 0 ? Object.fromEntries(other) : undefined
}

function readCategories(
  categories: unknown[],
  file: string,
  log: ProblemLog,
  classExtra: Record<string, Record<string, unknown>>,
): Map<number, string> {
  const classById = new Map<number, string>()
  const names = new Set<string>()
  categories.forEach((c, index) => {
    const entry = isObject(c) && isInteger(c.id) ? `category id ${c.id}` : `category ${index + 1}`
    if (!isObject(c)) return log.add(file, entry, 'is not an object')
    if (!isInteger(c.id)) return log.add(file, entry, 'missing an integer "id"')
    if (typeof c.name !== 'string') return log.add(file, entry, 'missing a "name" string')
    const problem = classNameProblem(c.name)
    if (problem) return log.add(file, entry, problem)
    if (classById.has(c.id)) return log.add(file, entry, 'category id used twice')
    if (names.has(c.name)) return log.add(file, entry, `category name ${JSON.stringify(c.name)} used twice`)
    classById.set(c.id, c.name)
    names.add(c.name)
    const extra = otherFields(c, CATEGORY_KEYS)
    if (extra) classExtra[c.name] = extra
  })
  return classById
}

function readImages(images: unknown[], file: string, log: ProblemLog) {
  const byId = new Map<number, AnnotatedImage>()
  const skippedIds = new Set<number>()
  const list: AnnotatedImage[] = []
  const names = new Set<string>()
  images.forEach((im, index) => {
    const entry = isObject(im) && isInteger(im.id) ? `image id ${im.id}` : `image ${index + 1}`
    if (!isObject(im)) return log.add(file, entry, 'is not an object')
    if (!isInteger(im.id)) return log.add(file, entry, 'missing an integer "id"')
    if (byId.has(im.id) || skippedIds.has(im.id)) return log.add(file, entry, 'image id used twice')
    const problem = imageProblem(im, names)
    if (problem) {
      // Its annotations are left out with it, without a problem each.
      skippedIds.add(im.id)
      return log.add(file, entry, `${problem} (skipped with its annotations)`)
    }
    const image: AnnotatedImage = { file: im.file_name as string, width: im.width as number, height: im.height as number, boxes: [], tags: [], id: im.id }
    if (im.dicom !== undefined) {
      const reference = readDicom(im.dicom)
      if (typeof reference === 'string') {
        skippedIds.add(im.id)
        return log.add(file, entry, `${reference} (skipped with its annotations)`)
      }
      image.dicom = reference
    }
    const extra = otherFields(im, IMAGE_KEYS)
    if (extra) image.extra = extra
    names.add(image.file)
    byId.set(im.id, image)
    list.push(image)
  })
  return { byId, skippedIds, list }
}

function imageProblem(im: Json, names: Set<string>): string | undefined {
  if (typeof im.file_name !== 'string' || im.file_name === '') return 'missing a "file_name"'
  if (names.has(im.file_name)) return `file_name ${JSON.stringify(im.file_name)} used by two images`
  if (!isPositiveSize(im.width) || !isPositiveSize(im.height)) return `"width" and "height" must be positive numbers (got ${String(im.width)}, ${String(im.height)})`
  return undefined
}

/** Loupe's `dicom` object on an image: which DICOM instance and frame it is. */
function readDicom(value: unknown): DicomReference | string {
  if (!isObject(value)) return '"dicom" must be an object'
  const values = Object.fromEntries(Object.entries(COCO_DICOM_KEYS).map(([key, cocoKey]) => [key, value[cocoKey]]))
  return dicomReferenceFrom(values, (key) => `"dicom.${COCO_DICOM_KEYS[key]}"`)
}

interface Lookups {
  classById: Map<number, string>
  byId: Map<number, AnnotatedImage>
  skippedIds: Set<number>
}

function readAnnotations(annotations: unknown[], file: string, log: ProblemLog, { classById, byId, skippedIds }: Lookups): void {
  const ids = new Set<number>()
  annotations.forEach((a, index) => {
    const entry = isObject(a) && isInteger(a.id) ? `annotation id ${a.id}` : `annotation ${index + 1}`
    if (!isObject(a)) return log.add(file, entry, 'is not an object')
    if (a.id !== undefined) {
      if (!isInteger(a.id)) return log.add(file, entry, '"id" is not an integer')
      if (ids.has(a.id)) return log.add(file, entry, 'annotation id used twice')
      ids.add(a.id)
    }
    if (!isInteger(a.image_id)) return log.add(file, entry, 'missing an integer "image_id"')
    if (skippedIds.has(a.image_id)) return
    const image = byId.get(a.image_id)
    if (!image) return log.add(file, entry, `refers to image id ${a.image_id}, which is not in "images"`)
    if (!isInteger(a.category_id)) return log.add(file, entry, 'missing an integer "category_id"')
    const label = classById.get(a.category_id)
    if (label === undefined) return log.add(file, entry, `unknown category_id ${a.category_id}`)
    const bbox = a.bbox
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return log.add(file, entry, '"bbox" must be [x, y, width, height] numbers')
    }
    const [x, y, width, height] = bbox as [number, number, number, number]
    const problem = boxProblem({ x, y, width, height }, image)
    if (problem) return log.add(file, entry, `${problem} (image id ${a.image_id})`)
    if (a.iscrowd !== undefined && a.iscrowd !== 0 && a.iscrowd !== 1 && typeof a.iscrowd !== 'boolean') {
      return log.add(file, entry, '"iscrowd" must be 0 or 1')
    }
    if (a.area !== undefined && !(typeof a.area === 'number' && Number.isFinite(a.area) && a.area >= 0)) {
      return log.add(file, entry, '"area" must be a non-negative number')
    }
    const shape = shapeOfSegmentation(a.segmentation, image)
    if (typeof shape === 'string') return log.add(file, entry, `${shape} (image id ${a.image_id})`)
    const box: Box = { label, x, y, width, height }
    if (isInteger(a.id)) box.id = a.id
    if (a.iscrowd === 1 || a.iscrowd === true) box.crowd = true
    if (shape) box.shape = shape
    if (typeof a.area === 'number' && (shape || a.area !== width * height)) box.area = a.area
    const extra = otherFields(a, ANNOTATION_KEYS)
    if (extra) box.extra = extra
    image.boxes.push(box)
  })
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v)
}
