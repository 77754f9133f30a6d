import type { AnnotationFormat, ImportRequest } from '../../../shared/api/schemas'
import { looksLikeImageFile, looksLikeJsonFile } from '../folders/paths'

/** What the imported folder holds besides images: nothing, or annotations in one of the dataset formats. */
export type FolderContents = 'images' | AnnotationFormat

interface ContentsOption {
  value: FolderContents
  /** Short enough for one segment of the choice. */
  name: string
  /** One line under the choice saying what Loupe will do with it. */
  hint: string
}

export const CONTENTS_OPTIONS: readonly ContentsOption[] = [
  { value: 'images', name: 'Images only', hint: 'Just the pictures; sub-folders are imported too.' },
  { value: 'coco', name: 'COCO JSON', hint: 'Boxes and classes from a COCO instances file whose file names are relative to the folder.' },
  { value: 'yolo', name: 'YOLO labels', hint: 'Boxes from one .txt per image (class cx cy w h), classes from classes.txt or data.yaml.' },
  { value: 'voc', name: 'Pascal VOC XML', hint: 'Boxes from one .xml file per image; classes are the object names.' },
  { value: 'folders', name: 'Folder per class', hint: 'Each sub-folder is a class: an image in …/cat/001.jpg is tagged “cat”.' },
]

/** How the annotations field is labelled and explained, for the formats that have one. */
export const ANNOTATIONS_FIELD: Partial<Record<FolderContents, { label: string; hint: string; placeholder: string }>> = {
  coco: {
    label: 'COCO annotations file',
    hint: 'The .json file (often instances_train.json or annotations.json).',
    placeholder: '/path/to/annotations.json',
  },
  yolo: {
    label: 'YOLO labels folder',
    hint: 'The dataset folder holding labels/, or the labels folder itself. Leave empty if they are in the images folder.',
    placeholder: 'Same as the images folder',
  },
  voc: {
    label: 'VOC annotations folder',
    hint: 'The folder of .xml files (often Annotations/). Leave empty if they sit beside the images.',
    placeholder: 'Same as the images folder',
  },
}

export interface ImportForm {
  paths: readonly string[]
  contents: FolderContents
  annotationsPath: string
  /** Comma-separated YOLO class names, for labels that come without classes.txt or data.yaml. */
  yoloClasses: string
  skipInvalid: boolean
}

export type ImportPlan = { ok: true; request: ImportRequest } | { ok: false; problem: string }

/** Whether the form, as filled in, imports annotations (which need one folder) rather than just images. */
export const readsAnnotations = (form: Pick<ImportForm, 'paths' | 'contents'>): boolean =>
  form.contents !== 'images' && form.contents !== 'folders'

export const parseClassNames = (text: string): string[] =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)

/**
 * The request the form makes, or what must change first. Checked before submitting so the person hears about a
 * missing COCO file here, not from a failed job.
 */
export function planImport(form: ImportForm): ImportPlan {
  const { paths, contents } = form
  if (paths.length === 0) return { ok: false, problem: 'Choose a folder or file to import.' }
  if (contents === 'images') return { ok: true, request: { paths: [...paths], labelsFromFolders: false } }
  // Tagging each image with the folder it is in works for a dataset root, a single class folder or several folders.
  if (contents === 'folders') return { ok: true, request: { paths: [...paths], labelsFromFolders: true } }
  if (paths.length > 1) return { ok: false, problem: 'Annotations come with one images folder: import one folder at a time.' }
  if (looksLikeImageFile(paths[0] ?? '')) return { ok: false, problem: 'Choose the folder of images, not a single image.' }

  const annotationsPath = form.annotationsPath.trim()
  if (contents === 'coco') {
    if (annotationsPath === '') return { ok: false, problem: 'COCO needs its annotations file: choose the .json file.' }
    if (!looksLikeJsonFile(annotationsPath)) return { ok: false, problem: 'Choose the COCO .json file itself, not a folder.' }
  }
  const classes = contents === 'yolo' ? parseClassNames(form.yoloClasses) : []
  return {
    ok: true,
    request: {
      paths: [...paths],
      labelsFromFolders: false,
      annotations: {
        format: contents,
        skipInvalid: form.skipInvalid,
        ...(annotationsPath !== '' && { path: annotationsPath }),
        ...(classes.length > 0 && { classes }),
      },
    },
  }
}
