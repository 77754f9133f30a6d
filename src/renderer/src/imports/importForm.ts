import type { AnnotationFormat, ImportRequest } from '../../../shared/api/schemas'
import { looksLikeImageFile, looksLikeJsonFile } from '../folders/paths'
import { t } from '../i18n/t'

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
  { value: 'images', name: t('imports.contents.images'), hint: t('imports.contents.imagesHint') },
  { value: 'coco', name: t('imports.contents.coco'), hint: t('imports.contents.cocoHint') },
  { value: 'yolo', name: t('imports.contents.yolo'), hint: t('imports.contents.yoloHint') },
  { value: 'voc', name: t('imports.contents.voc'), hint: t('imports.contents.vocHint') },
  { value: 'folders', name: t('imports.contents.folders'), hint: t('imports.contents.foldersHint') },
]

/** How the annotations field is labelled and explained, for the formats that have one. */
export const ANNOTATIONS_FIELD: Partial<Record<FolderContents, { label: string; hint: string; placeholder: string }>> = {
  coco: {
    label: t('imports.annotations.cocoLabel'),
    hint: t('imports.annotations.cocoHint'),
    placeholder: '/path/to/annotations.json',
  },
  yolo: {
    label: t('imports.annotations.yoloLabel'),
    hint: t('imports.annotations.yoloHint'),
    placeholder: t('imports.annotations.sameAsImages'),
  },
  voc: {
    label: t('imports.annotations.vocLabel'),
    hint: t('imports.annotations.vocHint'),
    placeholder: t('imports.annotations.sameAsImages'),
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
  if (paths.length === 0) return { ok: false, problem: t('imports.problem.noPath') }
  if (contents === 'images') return { ok: true, request: { paths: [...paths], labelsFromFolders: false } }
  // Tagging each image with the folder it is in works for a dataset root, a single class folder or several folders.
  if (contents === 'folders') return { ok: true, request: { paths: [...paths], labelsFromFolders: true } }
  if (paths.length > 1) return { ok: false, problem: t('imports.problem.oneFolder') }
  if (looksLikeImageFile(paths[0] ?? '')) return { ok: false, problem: t('imports.problem.notAnImage') }

  const annotationsPath = form.annotationsPath.trim()
  if (contents === 'coco') {
    if (annotationsPath === '') return { ok: false, problem: t('imports.problem.cocoFileMissing') }
    if (!looksLikeJsonFile(annotationsPath)) return { ok: false, problem: t('imports.problem.cocoNotAFolder') }
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
