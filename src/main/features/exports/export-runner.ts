import { SPLIT_PARTS, type AnnotationFormat, type DatasetSplit, type ExportResult, type ImageFilter, type SplitPart } from '../../../shared/api/schemas'
import { splitImages } from '../../engines/datasets/dataset-split'
import { describeLoss, writeCoco, writeFolders, writeVoc, writeYolo, type ImageCopy, type SplitLayout, type WriteResult } from '../../engines/formats'
import type { CatalogService } from '../catalog'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import { dicomFramePng } from '../../engines/dicom/raster'
import type { Db } from '../../platform/storage/database'
import { catalogueAsSet, type ExportNaming } from './catalog-to-set'
import { removeLeftover, workFolderFor } from './work-folder'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface ExportParams {
  format: AnnotationFormat
  out: string
  images: 'none' | 'copy' | 'link'
  /** Only the images matching it (its `imageIds` for a selection); every image without it. */
  filter?: ImageFilter
  split?: DatasetSplit
}

/**
 * Writes the catalogue's annotations (of every image, or of those matching the filter) as a dataset into a new folder,
 * which appears whole or not at all, split into train, val and test when asked. An interrupted
 * export, when resumed, starts over: it first removes the work folder the interrupted run left, and says so.
 */
export class ExportRunner implements JobRunner<ExportParams, ExportResult> {
  readonly kind = 'export' as const
  // The folder is written atomically, so there is nothing half-done to carry on from: run it again instead.
  readonly resumable = false

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
  ) {}

  title(params: ExportParams): JobTitle {
    return { id: 'export', values: { format: params.format.toUpperCase(), path: params.out } }
  }

  async run(context: JobContext, params: ExportParams): Promise<ExportResult> {
    const only = params.filter ? this.catalog.idsMatching(params.filter) : undefined
    const { set, sources, unlabelledBoxes, renamed } = catalogueAsSet(this.db, namingFor(params), only)
    const split = params.split ? splitImages(set, params.split) : undefined
    context.progress(0, set.images.length)
    const copy: ImageCopy = {
      sourceOf: (file) => sources.get(file)!.path,
      mode: params.images === 'link' ? 'hardlink' : 'copy',
      // A DICOM frame goes into the export as the PNG its name promises, with its default window.
      render: (file) => {
        const { path, dicomFrame } = sources.get(file)!
        return dicomFrame === null ? undefined : dicomFramePng(path, dicomFrame)
      },
    }
    const workFolder = workFolderFor(params.out, this.db.name, context.jobId)
    const restarted = await removeLeftover(workFolder)
    const options = { workFolder, ...(split ? { split } : {}), ...(params.images === 'none' ? {} : { images: copy }) }
    let written: WriteResult
    switch (params.format) {
      case 'coco':
        written = await writeCoco(set, params.out, options)
        break
      case 'yolo':
      case 'yolo-seg':
        written = await writeYolo(set, params.out, { ...options, segmentation: params.format === 'yolo-seg' })
        break
      case 'voc':
        written = await writeVoc(set, params.out, options)
        break
      case 'folders':
        written = await writeFolders(set, params.out, { ...options, images: copy })
        break
    }
    context.progress(set.images.length, set.images.length)
    const interrupted = restarted
      ? [`This export was interrupted before it finished; it started over, and the unfinished folder it had left (${workFolder}) was removed.`]
      : []
    const unlabelled = unlabelledBoxes > 0 ? [{ kind: 'unlabelledBoxes', count: unlabelledBoxes } as const] : []
    return {
      dir: written.dir,
      images: set.images.length,
      boxes: set.images.reduce((sum, image) => sum + image.boxes.length, 0),
      warnings: [...interrupted, ...renamed, ...written.warnings, ...unlabelled.map(describeLoss)],
      losses: [...written.losses, ...unlabelled],
      notes: [...interrupted, ...renamed, ...written.notes],
      ...(split ? { parts: partSizes(split) } : {}),
    }
  }
}

function partSizes(split: SplitLayout): Record<SplitPart, number> {
  const sizes = Object.fromEntries(SPLIT_PARTS.map((part) => [part, 0])) as Record<SplitPart, number>
  for (const part of split.partOf.values()) sizes[part] += 1
  return sizes
}

/**
 * A COCO file without images names them inside JSON, which holds any text, so names stay exactly as they are. Every
 * other export makes files of them: portable names, distinct ignoring case, and for YOLO and VOC (a label file per
 * image, named after it) distinct without their extensions too.
 */
function namingFor(params: ExportParams): ExportNaming {
  if (params.format === 'coco') return params.images === 'none' ? { portable: false, distinct: 'exact' } : { portable: true, distinct: 'path' }
  return { portable: true, distinct: params.format === 'folders' ? 'path' : 'stem' }
}
