import type { PrelabelResult } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import type { Db } from '../../platform/storage/database'
import type { ClassifierStore } from './classifier-store'
import type { DetectorWorker } from './detector-worker'
import { DETECTOR_NAME, detectorInput } from '../../engines/learning/detector'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface PrelabelParams {
  imageIds?: number[]
  threshold: number
}

/**
 * The 'prelabel' job: runs the COCO detector over images and stores its boxes as suggestions (replacing an image's
 * pending ones), on the session's detector worker (loaded once, see DetectorWorker). Decoding the next image (sharp,
 * off the JS thread) overlaps detection of the current one.
 */
export class PrelabelRunner implements JobRunner<PrelabelParams, PrelabelResult> {
  readonly kind = 'prelabel' as const
  readonly resumable = false

  constructor(
    private readonly db: Db,
    private readonly catalog: CatalogService,
    private readonly store: ClassifierStore,
    private readonly detector: DetectorWorker,
    private readonly events: EventBus,
  ) {}

  title(params: PrelabelParams): JobTitle {
    return params.imageIds ? { id: 'prelabelChosen', values: { count: params.imageIds.length } } : { id: 'prelabelUnboxed', values: {} }
  }

  async run(context: JobContext, params: PrelabelParams): Promise<PrelabelResult> {
    const ids =
      params.imageIds ??
      (this.db
        .prepare('SELECT id FROM images i WHERE missing = 0 AND NOT EXISTS (SELECT 1 FROM boxes b WHERE b.image_id = i.id) ORDER BY id')
        .pluck()
        .all() as number[])
    const started = performance.now()
    const worker = await this.detector.start()
    const byLabel: Record<string, number> = {}
    let images = 0
    let suggestions = 0
    let skipped = 0
    context.progress(0, ids.length)
    const load = (index: number) => {
      const id = ids[index]
      const image = id === undefined ? undefined : this.catalog.summariesOf([id])[0]
      if (!image) return null
      return detectorInput(image.path).then(
        (pixels) => ({ image, pixels }),
        () => ({ image, pixels: null }),
      )
    }
    let upcoming = load(0)
    try {
      for (let index = 0; index < ids.length && !context.signal.aborted; index++) {
        const current = await upcoming
        upcoming = load(index + 1)
        if (!current || !current.pixels) {
          skipped++
        } else {
          const found = await this.detector.detect(current.pixels, current.image, params.threshold)
          this.store.replaceSuggestions(current.image.id, DETECTOR_NAME, found)
          for (const detection of found) byLabel[detection.label] = (byLabel[detection.label] ?? 0) + 1
          suggestions += found.length
          images++
        }
        context.progress(index + 1, ids.length)
      }
    } finally {
      await upcoming?.catch(() => undefined)
    }
    this.events.emit('training.changed', { reason: 'suggestions' })
    const seconds = (performance.now() - started) / 1000
    return {
      images,
      suggestions,
      byLabel,
      skipped,
      detector: DETECTOR_NAME,
      backend: worker.backend.label,
      imagesPerSecond: seconds > 0 ? images / seconds : 0,
    }
  }
}
