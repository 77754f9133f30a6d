/**
 * Annotation formats: reading datasets from disk into an AnnotationSet and writing one out.
 *
 * Readers collect every problem and throw one FormatError (nothing imported) unless called with
 * `{ skipInvalid: true }`, which returns the valid part and the skipped entries.
 * Writers validate the whole set first (ExportError), then build the export in a temporary folder
 * beside the target and rename it into place; they never write into an existing non-empty folder.
 * Writers refuse image names that cannot be paths in an export; `exportNames` first turns any name (a line break, a
 * backslash, two names that would share a label file) into one they take, and says what it changed.
 *
 * Conventions (details in each reader/writer):
 * - Model boxes are continuous pixels, top-left origin: x, y, width, height.
 * - COCO bbox is the same [x, y, w, h]; category ids, image ids and annotation ids survive a round trip.
 * - VOC bndbox is 1-based inclusive: xmin = x + 1, xmax = x + width; integers round-trip exactly.
 * - YOLO numbers are written with full double precision; readers need every image's size (`images` map). A label
 *   line of more than 5 values is a segmentation polygon; `yolo-seg` writes every object as polygons.
 * - VOC masks are SegmentationObject PNGs beside Annotations/ (pixel value = the object's number in the XML).
 * - COCO segmentation (polygons, RLE) and a YOLO polygon are a box's `shape`; COCO's fields the model has no place
 *   for are kept in `extra`, `classExtra` and `fields` and written back.
 * - Folder per class: `<class>/<name>`; an image's `file` is where it lies, tags are its folders.
 * - Image-level tags live only in folder-per-class; each writer's `warnings` lists what it could not hold.
 * - A DICOM frame's identity (study, series and SOP instance UIDs, frame number) is kept by COCO (a `dicom` object on
 *   the image) and VOC (a `<dicom>` element); YOLO and folder-per-class have no place for it.
 */
export type { AnnotatedImage, AnnotationSet, Box, DicomReference, ImageSize } from './model'
export { boxProblem, classNameProblem, OUTSIDE_TOLERANCE_PX } from './model'
export { ExportError, FormatError, MAX_PROBLEMS, type Problem, type ReadOptions, type ReadResult } from './problems'
export { withoutExtension, type ImageCopy, type WriteOptions, type WriteResult } from './export-folder'
export { countLosses, describeLoss, FORMAT_CARRIES, type Carries } from './lost-information'
export { carriedFields, fromCarriedFields } from './carried-fields'
export { matchImageFiles, type ImageMatch } from './match-images'
export { setsByPart, type SplitLayout } from './split-layout'
export { exportNames, portableName, type Distinct, type ExportNames } from './export-names'

export { parseCoco, readCoco } from './coco/read'
export { COCO_FILE_NAME, cocoSplitFile, toCocoDataset, writeCoco, type CocoDataset } from './coco/write'
export { readYolo, type YoloReadOptions } from './yolo/read'
export { writeYolo, type YoloWriteOptions } from './yolo/write'
export { readVoc, type VocReadOptions } from './voc/read'
export { vocXml, writeVoc, type VocWriteOptions } from './voc/write'
export { readFolders, type FolderReadOptions } from './folders/read'
export { writeFolders, type FolderWriteOptions } from './folders/write'

/** The formats, for menus: what each is called and what it can hold. */
export const ANNOTATION_FORMATS = [
  { id: 'coco', name: 'COCO JSON', holds: 'boxes' },
  { id: 'yolo', name: 'YOLO (txt labels)', holds: 'boxes' },
  { id: 'yolo-seg', name: 'YOLO segmentation (txt polygons)', holds: 'polygons' },
  { id: 'voc', name: 'Pascal VOC XML', holds: 'boxes' },
  { id: 'folders', name: 'Folder per class', holds: 'tags' },
] as const

export type AnnotationFormatId = (typeof ANNOTATION_FORMATS)[number]['id']
