import type { DetectAllResult, DetectRequest } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import { DETECT_BATCH, type DetectionService, type DetectTarget, type LoadedDetector } from './detection-service'
import type { DetectorStore } from './detector-store'
import type { JobTitle } from '../../../shared/jobs/job-titles'

/**
 * Boxes at or above this score are kept for the library whatever the version's threshold, so moving the threshold
 * (which the library's filter reads when it runs) needs no new run; below it a box is noise to every use.
 */
export const STORED_SCORE_FLOOR = 0.05

/**
 * The 'detect' job: runs a version (default the active one) over catalogue images (default every present one) and
 * stores what it finds, each image's boxes replacing what that version found there before. Stopping keeps the images
 * done so far; running it again simply redoes them.
 */
export class DetectAllRunner implements JobRunner<DetectRequest, DetectAllResult> {
  readonly kind = 'detect' as const
  readonly resumable = false

  constructor(
    private readonly detection: DetectionService,
    private readonly store: DetectorStore,
    private readonly events: EventBus,
  ) {}

  title(request: DetectRequest): JobTitle {
    const detector = this.detection.load(request.versionId).name
    return request.imageIds ? { id: 'detectChosen', values: { count: request.imageIds.length, detector } } : { id: 'detectAll', values: { detector } }
  }

  async run(context: JobContext, request: DetectRequest): Promise<DetectAllResult> {
    const detector = this.detection.load(request.versionId)
    const floor = Math.min(STORED_SCORE_FLOOR, request.threshold ?? STORED_SCORE_FLOOR)
    const targets = await this.detection.targets({ imageIds: request.imageIds })
    const result: DetectAllResult = { versionId: detector.id, images: 0, found: 0, unreadable: 0 }
    try {
      for (let start = 0; start < targets.length && !context.signal.aborted; start += DETECT_BATCH) {
        const batch = targets.slice(start, start + DETECT_BATCH)
        const found = await this.detectEach(detector, batch, floor, context.signal)
        const readable = found.filter((entry) => entry.boxes !== null)
        this.store.replaceDetections(
          detector.id,
          readable.map((entry) => ({ imageId: entry.target.imageId!, contentHash: entry.target.contentHash!, boxes: entry.boxes! })),
        )
        result.images += readable.length
        result.unreadable += found.length - readable.length
        result.found += readable.filter((entry) => entry.boxes!.some((box) => box.score >= detector.scoreThreshold)).length
        context.progress(start + batch.length, targets.length)
      }
    } finally {
      this.events.emit('detector.changed', { versionId: detector.id })
    }
    return result
  }

  /** The batch at once, or, when a picture in it cannot be read, each on its own (null for those that cannot). */
  private async detectEach(detector: LoadedDetector, batch: DetectTarget[], floor: number, signal: AbortSignal) {
    try {
      const boxes = await this.detection.run(detector, batch, floor, signal)
      return batch.map((target, index) => ({ target, boxes: boxes[index]! }))
    } catch (error) {
      if (signal.aborted) throw error
      const each = []
      for (const target of batch) {
        const boxes = await this.detection.run(detector, [target], floor, signal).catch(() => null)
        each.push({ target, boxes: boxes?.[0] ?? null })
      }
      return each
    }
  }
}
