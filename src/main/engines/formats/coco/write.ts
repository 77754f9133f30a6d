import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { SplitPart } from '../../../../shared/api/schemas'
import { buildFolderAtomically, inside, placeImage, type WriteOptions, writeResult, type WriteResult } from '../export-folder'
import { countLosses, FORMAT_CARRIES } from '../lost-information'
import { shapeArea } from '../../../../shared/shapes/shape'
import { segmentationOfShape, type CocoSegmentation } from './segmentation'
import type { AnnotationSet, DicomReference } from '../model'
import { ExportError } from '../problems'
import { setsByPart } from '../split-layout'
import { assertExportable } from '../validate-export'

export interface CocoImage {
  id: number
  file_name: string
  width: number
  height: number
  /** Loupe's addition for DICOM frames: which instance and frame the image is. COCO tools ignore keys they do not know. */
  dicom?: CocoDicom
}

export interface CocoDicom {
  study_instance_uid?: string
  series_instance_uid?: string
  sop_instance_uid?: string
  /** 1-based. */
  frame_number: number
}

/** The model's reference keys as COCO spells them. */
export const COCO_DICOM_KEYS = {
  studyInstanceUid: 'study_instance_uid',
  seriesInstanceUid: 'series_instance_uid',
  sopInstanceUid: 'sop_instance_uid',
  frameNumber: 'frame_number',
} as const satisfies Record<keyof DicomReference, keyof CocoDicom>

export interface CocoAnnotation {
  id: number
  image_id: number
  category_id: number
  bbox: [number, number, number, number]
  area: number
  iscrowd: 0 | 1
  segmentation: CocoSegmentation | []
}

export interface CocoDataset {
  info: Record<string, unknown>
  images: CocoImage[]
  annotations: CocoAnnotation[]
  categories: { id: number; name: string; supercategory: unknown }[]
}

export const COCO_FILE_NAME = 'annotations.json'

/** Where a split export keeps a part's annotations. */
export function cocoSplitFile(part: SplitPart): string {
  return `annotations/instances_${part}.json`
}

/**
 * Writes `<out>/annotations.json` (and `<out>/images/…` when asked), as a new folder.
 * Numbers are written by JSON.stringify, which prints the shortest text that reads back as the
 * same double, so a COCO round trip is exact.
 *
 * A split export writes, as COCO itself is laid out, one file per part, `annotations/instances_<part>.json`, each
 * with every category, and puts each part's images in `images/<part>/`, where its `file_name`s are.
 */
export async function writeCoco(set: AnnotationSet, out: string, options: WriteOptions = {}): Promise<WriteResult> {
  if (options.images) assertExportable(set, { filesArePaths: true })
  const files = options.split
    ? setsByPart(set, options.split).map(({ part, set: partSet }) => ({ path: cocoSplitFile(part), folder: `images/${part}`, set: partSet }))
    : [{ path: COCO_FILE_NAME, folder: 'images', set }]
  const documents = files.map((file) => ({ ...file, json: JSON.stringify(toCocoDataset(file.set)) }))
  const dir = await buildFolderAtomically(out, async (tmp) => {
    const copy = options.images
    for (const { path, folder, set: written, json } of documents) {
      await mkdir(dirname(inside(tmp, path)), { recursive: true })
      await writeFile(inside(tmp, path), json)
      if (copy) for (const image of written.images) await placeImage(copy, image.file, inside(join(tmp, folder), image.file))
    }
  }, options.workFolder)
  return writeResult(dir, countLosses(set, FORMAT_CARRIES.coco))
}

/**
 * The COCO document for a set. Ids the set carries (from a COCO source) are kept; images and boxes
 * without one get fresh ids after the largest kept one; categories are 1..N in class order unless
 * the set has `categoryIds`. Fields the set carried from a COCO source (its `fields`, `classExtra` and each image's
 * and box's `extra`) are written back beside the ones the model holds, which win over them.
 * An object's `area` is the source's while its shape is unchanged, else the shape's (shapeArea) or width × height.
 */
export function toCocoDataset(set: AnnotationSet): CocoDataset {
  assertExportable(set, { filesArePaths: false })
  const categoryIds = categoryIdsOf(set)
  const idOfClass = new Map(set.classes.map((name, i) => [name, categoryIds[i] as number]))
  const imageIds = keepOrAssign(set.images.map((im) => im.id))
  const boxIds = keepOrAssign(set.images.flatMap((im) => im.boxes.map((b) => b.id)))

  const annotations: CocoAnnotation[] = []
  const images = set.images.map((image, i): CocoImage => {
    const id = imageIds[i] as number
    for (const box of image.boxes) {
      annotations.push({
        ...box.extra,
        id: boxIds[annotations.length] as number,
        image_id: id,
        category_id: idOfClass.get(box.label) as number,
        bbox: [box.x, box.y, box.width, box.height],
        area: box.area ?? (box.shape ? shapeArea(box.shape) : box.width * box.height),
        iscrowd: box.crowd ? 1 : 0,
        segmentation: segmentationOfShape(box.shape),
      })
    }
    const entry: CocoImage = { ...image.extra, id, file_name: image.file, width: image.width, height: image.height }
    if (image.dicom) entry.dicom = cocoDicom(image.dicom)
    return entry
  })
  const categories = set.classes.map((name, i) => ({ supercategory: '', ...set.classExtra?.[name], id: categoryIds[i] as number, name }))
  const { info = { description: 'Exported from Loupe' }, ...fields } = set.fields ?? {}
  return { ...fields, info: info as Record<string, unknown>, images, annotations, categories }
}

function cocoDicom({ studyInstanceUid, seriesInstanceUid, sopInstanceUid, frameNumber }: DicomReference): CocoDicom {
  return {
    ...(studyInstanceUid !== undefined && { study_instance_uid: studyInstanceUid }),
    ...(seriesInstanceUid !== undefined && { series_instance_uid: seriesInstanceUid }),
    ...(sopInstanceUid !== undefined && { sop_instance_uid: sopInstanceUid }),
    frame_number: frameNumber,
  }
}

function categoryIdsOf(set: AnnotationSet): number[] {
  const ids = set.categoryIds
  if (!ids) return set.classes.map((_, i) => i + 1)
  const valid = ids.length === set.classes.length && ids.every(Number.isSafeInteger) && new Set(ids).size === ids.length
  if (!valid) throw new ExportError([{ file: 'classes', message: 'categoryIds must be unique integers, one per class' }])
  return ids
}

/** Keeps unique integer ids; gives the others (and repeats) fresh ids above the largest kept. */
function keepOrAssign(ids: (number | undefined)[]): number[] {
  const used = new Set<number>()
  const kept = ids.map((id) => {
    if (id === undefined || !Number.isSafeInteger(id) || used.has(id)) return undefined
    used.add(id)
    return id
  })
  let next = 1
  for (const id of used) if (id >= next) next = id + 1 // a loop: spreading millions of ids overflows the stack
  return kept.map((id) => id ?? next++)
}
