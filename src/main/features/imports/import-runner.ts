import { existsSync } from 'node:fs'
import { access } from 'node:fs/promises'
import { basename, relative } from 'node:path'
import type { AnnotationSource, ImportResult } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import type { LabelService } from '../labels'
import { applyAnnotations } from './apply-annotations'
import { toPosix } from '../../engines/datasets/image-sizes'
import { annotationRoot, readAnnotations } from '../../engines/datasets/read-annotations'
import type { EventBus } from '../../platform/events/event-bus'
import { DicomStore } from '../dicom'
import { analyseImageFileFrames, type FileAnalysis, type ImageFacts } from '../../engines/imaging'
import { forEachBounded } from '../../platform/jobs/for-each-bounded'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import { thumbnailPath } from '../media'
import type { Db } from '../../platform/storage/database'
import { writeFileAtomic } from '../../platform/storage/atomic-write'
import { fsErrorSentence } from '../../platform/fs/fs-errors'
import { scanImportPaths } from './scan'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface ImportParams {
  paths: string[]
  labelsFromFolders: boolean
  /** Annotations that come with the (single) imported folder, attached once its images are in. */
  annotations?: AnnotationSource
}

interface PendingItem {
  seq: number
  path: string
  label: string | null
}

type ItemState = 'added' | 'duplicate' | 'relinked' | 'failed'
type Recorded = { state: ItemState; imageId: number | null }
type Analysed = { item: PendingItem; analysis: FileAnalysis }

const BATCH_SIZE = 32
const BATCH_MAX_AGE_MS = 250
const CHANGE_EVENT_INTERVAL_MS = 1_000

/**
 * Imports files and folders as a resumable job. The work list is saved first; then images are analysed a few at a
 * time (decoding runs on libuv's threads) and committed in small batches, each batch one transaction that records
 * the images and marks their work items done, so a kill at any moment leaves a consistent catalogue to resume from.
 */
export class ImportRunner implements JobRunner<ImportParams, ImportResult> {
  readonly kind = 'import' as const
  readonly resumable = true
  private readonly dicom: DicomStore

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly labels: LabelService,
    private readonly thumbsDir: string,
    private readonly events: EventBus,
    private readonly concurrency = 3,
  ) {
    this.dicom = new DicomStore(db)
  }

  title(params: ImportParams): JobTitle {
    const [first] = params.paths
    return params.paths.length === 1 && first ? { id: 'importOne', values: { name: basename(first) } } : { id: 'importMany', values: { count: params.paths.length } }
  }

  async run(context: JobContext, params: ImportParams): Promise<ImportResult> {
    // Annotations are read before any image is imported, so a malformed file stops the import with nothing done.
    const imagesRoot = params.paths[0]!
    const annotations = params.annotations && (await readAnnotations(params.annotations, imagesRoot))
    if (!this.hasWorkList(context.jobId)) await this.saveWorkList(context, params)
    const total = this.count(context.jobId)
    let done = total - this.count(context.jobId, 'pending')
    context.progress(done, total)

    let batch: Analysed[] = []
    let batchStartedAt = performance.now()
    let lastChangeEventAt = 0
    const flush = () => {
      if (batch.length === 0) return
      const saved = batch
      batch = []
      this.commit(context.jobId, saved)
      done += saved.length
      context.progress(done, total)
      if (performance.now() - lastChangeEventAt > CHANGE_EVENT_INTERVAL_MS) {
        lastChangeEventAt = performance.now()
        this.events.emit('catalog.changed', { reason: 'import' })
      }
    }

    try {
      await forEachBounded(this.pendingItems(context.jobId), this.concurrency, context.signal, async (item) => {
        // One image per file, or one per frame of a multi-frame DICOM file.
        const analysis = await analyseImageFileFrames(item.path)
        if (analysis.ok) {
          for (const image of analysis.images) await this.storeThumbnail(image.facts.contentHash, image.thumbnail)
        }
        if (batch.length === 0) batchStartedAt = performance.now()
        batch.push({ item, analysis })
        if (batch.length >= BATCH_SIZE || performance.now() - batchStartedAt > BATCH_MAX_AGE_MS) flush()
      })
    } finally {
      flush()
      this.events.emit('catalog.changed', { reason: 'import' })
    }
    const result = this.result(context.jobId)
    if (!annotations || !params.annotations || context.signal.aborted) return result
    const root = annotationRoot(params.annotations, imagesRoot)
    const { summary, labelIds } = applyAnnotations(this.db, this.catalog, params.annotations, annotations, this.importedImages(context.jobId, root))
    // After a COCO import no class had a key ("No class has the hotkey 1"), so relabelling a box took the mouse.
    this.labels.assignFreeHotkeys(labelIds)
    this.events.emit('catalog.changed', { reason: 'annotations' })
    return { ...result, annotations: summary }
  }

  /** The job's images by their path relative to `root`, as annotation files name them. */
  private importedImages(jobId: number, root: string): Map<string, number> {
    const rows = this.db
      .prepare('SELECT path, image_id AS imageId FROM import_items WHERE job_id = ? AND image_id IS NOT NULL')
      .all(jobId) as { path: string; imageId: number }[]
    return new Map(rows.map((row) => [toPosix(relative(root, row.path)), row.imageId]))
  }

  private async saveWorkList(context: JobContext, params: ImportParams): Promise<void> {
    const files = await scanImportPaths(params.paths, {
      labelsFromFolders: params.labelsFromFolders,
      signal: context.signal,
    })
    const insert = this.db.prepare(
      'INSERT INTO import_items (job_id, seq, path, label, state, reason) VALUES (?, ?, ?, ?, ?, ?)',
    )
    this.db.transaction(() => {
      files.forEach((file, seq) => {
        insert.run(context.jobId, seq, file.path, file.label, file.problem ? 'failed' : 'pending', file.problem ?? null)
      })
    })()
  }

  private commit(jobId: number, results: Analysed[]): void {
    const mark = this.db.prepare(
      'UPDATE import_items SET state = ?, reason = ?, image_id = ?, images = ? WHERE job_id = ? AND seq = ?',
    )
    this.db.transaction(() => {
      for (const { item, analysis } of results) {
        if (!analysis.ok) {
          mark.run('failed', analysis.reason, null, 0, jobId, item.seq)
          continue
        }
        // The file's state and image id are its first image's (a file's frames come and go together).
        const recorded = analysis.images.map((image) => this.record(item, image.facts))
        if (analysis.dicom) {
          for (const { imageId } of recorded) this.dicom.record(imageId, analysis.dicom)
          this.dicom.saveGeometry(
            analysis.images.flatMap(({ facts, geometry }, i) =>
              geometry ? [{ imageId: recorded[i]!.imageId, contentHash: facts.contentHash, geometry }] : [],
            ),
          )
        }
        const first = recorded[0]!
        mark.run(first.state, null, first.imageId, recorded.length, jobId, item.seq)
      }
    })()
  }

  private record(item: PendingItem, facts: ImageFacts): Recorded & { imageId: number } {
    const known = this.catalog.findByHash(facts.contentHash)
    let imageId: number
    let state: ItemState
    if (known && (known.path === item.path || existsSync(known.path))) {
      imageId = known.id
      state = 'duplicate'
    } else if (known) {
      this.catalog.relink(known.id, item.path, basename(item.path))
      imageId = known.id
      state = 'relinked'
    } else {
      const previousAtPath = this.catalog.pathOwner(item.path, facts.frame ?? 0)
      const image = { path: item.path, fileName: basename(item.path), ...facts }
      // The file was edited in place since it was imported: its record follows the new content.
      imageId = previousAtPath ? this.catalog.replaceContent(previousAtPath, image) : this.catalog.insertImage(image)
      state = 'added'
    }
    if (item.label) this.catalog.addLabel(imageId, item.label)
    return { state, imageId }
  }

  private async storeThumbnail(contentHash: string, thumbnail: Buffer): Promise<void> {
    const path = thumbnailPath(this.thumbsDir, contentHash)
    const exists = await access(path).then(
      () => true,
      () => false,
    )
    if (exists) return
    try {
      await writeFileAtomic(path, thumbnail)
    } catch (error) {
      // Without its thumbnails the catalogue cannot be shown, so this stops the import, in words.
      throw new Error(fsErrorSentence(error, 'save a thumbnail in', this.thumbsDir), { cause: error })
    }
  }

  private hasWorkList(jobId: number): boolean {
    return this.db.prepare('SELECT 1 FROM import_items WHERE job_id = ? LIMIT 1').get(jobId) !== undefined
  }

  private count(jobId: number, state?: 'pending'): number {
    const sql = state
      ? 'SELECT count(*) AS n FROM import_items WHERE job_id = ? AND state = ?'
      : 'SELECT count(*) AS n FROM import_items WHERE job_id = ?'
    const args = state ? [jobId, state] : [jobId]
    return (this.db.prepare(sql).get(...args) as { n: number }).n
  }

  private *pendingItems(jobId: number): Generator<PendingItem> {
    // Read in pages rather than holding one statement open across awaits and commits.
    let after = -1
    const page = this.db.prepare(
      `SELECT seq, path, label FROM import_items WHERE job_id = ? AND state = 'pending' AND seq > ?
       ORDER BY seq LIMIT 500`,
    )
    for (;;) {
      const rows = page.all(jobId, after) as PendingItem[]
      if (rows.length === 0) return
      yield* rows
      after = rows.at(-1)!.seq
    }
  }

  private result(jobId: number): ImportResult {
    // Counts are of catalogue images: a multi-frame DICOM file counts once per frame.
    const counts = Object.fromEntries(
      (
        this.db
          .prepare('SELECT state, sum(coalesce(images, 1)) AS n FROM import_items WHERE job_id = ? GROUP BY state')
          .all(jobId) as {
          state: string
          n: number
        }[]
      ).map((row) => [row.state, row.n]),
    )
    const failed = this.db
      .prepare(`SELECT path, reason FROM import_items WHERE job_id = ? AND state = 'failed' ORDER BY seq`)
      .all(jobId) as { path: string; reason: string }[]
    return { added: counts.added ?? 0, duplicates: counts.duplicate ?? 0, relinked: counts.relinked ?? 0, failed }
  }
}
