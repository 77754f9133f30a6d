import type { AnnotationFormat, ExportRequest } from '../../../shared/api/schemas'
import { newFolderProblem, newFolderTarget, type NewFolderChoice } from '../folders/newFolder'

export type ImageHandling = NonNullable<ExportRequest['images']>

interface FormatOption {
  value: AnnotationFormat
  name: string
  /** What the exported folder holds, in a line. */
  holds: string
}

export const EXPORT_FORMATS: readonly FormatOption[] = [
  { value: 'coco', name: 'COCO JSON', holds: 'Boxes and classes in one annotations.json.' },
  { value: 'yolo', name: 'YOLO', holds: 'Boxes in one .txt per image, with classes.txt and data.yaml.' },
  { value: 'voc', name: 'Pascal VOC', holds: 'Boxes in one .xml per image under Annotations/.' },
  { value: 'folders', name: 'Folder per class', holds: 'Image tags: one folder per class holding its images.' },
]

interface ImageOption {
  value: ImageHandling
  name: string
  hint: string
}

export const IMAGE_OPTIONS: readonly ImageOption[] = [
  { value: 'none', name: 'Leave out', hint: 'Annotations only; they name the images by their file names.' },
  { value: 'copy', name: 'Copy', hint: 'A self-contained dataset: every image is copied in, using that much disk space again.' },
  { value: 'link', name: 'Hard-link', hint: 'Looks like copies but takes no extra space; copied instead where the disk can’t link.' },
]

/** Folder per class is made of the image files themselves, so it can't leave them out. */
export const needsImages = (format: AnnotationFormat): boolean => format === 'folders'

export const defaultFolderName = (format: AnnotationFormat): string => `loupe-${format}`

export interface ExportForm {
  format: AnnotationFormat
  /** An empty new-folder name exports into the location itself, which must then be empty or not exist. */
  folder: NewFolderChoice
  images: ImageHandling
}

export type ExportPlan = { ok: true; request: ExportRequest } | { ok: false; problem: string }

export function planExport(form: ExportForm): ExportPlan {
  const problem = newFolderProblem(form.folder)
  if (problem) return { ok: false, problem }
  const images = needsImages(form.format) && form.images === 'none' ? 'copy' : form.images
  return { ok: true, request: { format: form.format, out: newFolderTarget(form.folder)!, images } }
}
