import type { AnnotationFormat, ExportRequest, ImageFilter } from '../../../shared/api/schemas'
import { newFolderProblem, newFolderTarget, type NewFolderChoice } from '../folders/newFolder'
import { t } from '../i18n/t'

export type ImageHandling = NonNullable<ExportRequest['images']>

interface FormatOption {
  value: AnnotationFormat
  name: string
  /** What the exported folder holds, in a line. */
  holds: string
}

export const EXPORT_FORMATS: readonly FormatOption[] = [
  { value: 'coco', name: t('exportDialog.formats.coco'), holds: t('exportDialog.formats.cocoHolds') },
  { value: 'yolo', name: t('exportDialog.formats.yolo'), holds: t('exportDialog.formats.yoloHolds') },
  { value: 'yolo-seg', name: t('exportDialog.formats.yoloSeg'), holds: t('exportDialog.formats.yoloSegHolds') },
  { value: 'voc', name: t('exportDialog.formats.voc'), holds: t('exportDialog.formats.vocHolds') },
  { value: 'folders', name: t('exportDialog.formats.folders'), holds: t('exportDialog.formats.foldersHolds') },
]

interface ImageOption {
  value: ImageHandling
  name: string
  hint: string
}

export const IMAGE_OPTIONS: readonly ImageOption[] = [
  { value: 'none', name: t('exportDialog.images.none'), hint: t('exportDialog.images.noneHint') },
  { value: 'copy', name: t('exportDialog.images.copy'), hint: t('exportDialog.images.copyHint') },
  { value: 'link', name: t('exportDialog.images.link'), hint: t('exportDialog.images.linkHint') },
]

/** Folder per class is made of the image files themselves, so it can't leave them out. */
export const needsImages = (format: AnnotationFormat): boolean => format === 'folders'

export const defaultFolderName = (format: AnnotationFormat): string => `loupe-${format}`

/** Folder per class has no place for a split (it would be a folder level of its own), so it is not offered. */
export const canSplit = (format: AnnotationFormat): boolean => format !== 'folders'

/** The images a scope stands for, as the export request's filter; undefined for every image. */
export function scopeFilter(scope: ExportScope): ImageFilter | undefined {
  if (scope.kind === 'selected') return { imageIds: [...scope.imageIds] }
  if (scope.kind === 'filter') return scope.filter
  return undefined
}

/** Which images go into the export: every one, the library's selection, or those its filter shows. */
export type ExportScope = { kind: 'all' } | { kind: 'selected'; imageIds: readonly number[] } | { kind: 'filter'; filter: ImageFilter }

/** The split as typed: percentages of train, val and test, and the seed. */
export interface SplitForm {
  train: string
  val: string
  test: string
  seed: string
}

export const DEFAULT_SPLIT: SplitForm = { train: '70', val: '20', test: '10', seed: '0' }

export interface ExportForm {
  format: AnnotationFormat
  /** An empty new-folder name exports into the location itself, which must then be empty or not exist. */
  folder: NewFolderChoice
  images: ImageHandling
  /** Every image when absent. */
  scope?: ExportScope
  /** No split when absent. */
  split?: SplitForm
}

export type ExportPlan = { ok: true; request: ExportRequest } | { ok: false; problem: string }

export function planExport(form: ExportForm): ExportPlan {
  const problem = newFolderProblem(form.folder)
  if (problem) return { ok: false, problem }
  const images = needsImages(form.format) && form.images === 'none' ? 'copy' : form.images
  let request: ExportRequest = { format: form.format, out: newFolderTarget(form.folder)!, images }
  const filter = form.scope && scopeFilter(form.scope)
  if (filter) request.filter = filter
  if (form.split && canSplit(form.format)) {
    const split = planSplit(form.split)
    if (typeof split === 'string') return { ok: false, problem: split }
    request = { ...request, split }
  }
  return { ok: true, request }
}

function planSplit(form: SplitForm): NonNullable<ExportRequest['split']> | string {
  const [train, val, test] = [form.train, form.val, form.test].map((text) => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN))
  if (train === undefined || val === undefined || test === undefined || [train, val, test].some(Number.isNaN)) {
    return t('exportDialog.split.notPercentages')
  }
  if (Math.abs(train + val + test - 100) > 1e-9) return t('exportDialog.split.notHundred', { sum: train + val + test })
  if (train === 0) return t('exportDialog.split.noTrain')
  const seed = /^\d+$/.test(form.seed.trim()) ? Number(form.seed) : NaN
  if (!(seed <= 0xffffffff)) return t('exportDialog.split.badSeed')
  return { train: train / 100, val: val / 100, test: test / 100, seed }
}
