import type { BoxSuggestion, ImageAnnotations } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { AnnotationService } from '../annotations'
import type { CatalogService } from '../catalog'
import { ApiError } from '../../../shared/api/errors'
import { DETECTOR_NAME, detectorInput } from '../../engines/learning/detector'
import type { ClassifierStore } from './classifier-store'
import type { DetectorWorker } from './detector-worker'

/** Boxes the object detector proposed (the 'prelabel' job, or one image), for a person to accept as real boxes or reject. */
export class SuggestionService {
  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly catalog: CatalogService,
    private readonly annotations: AnnotationService,
    private readonly detector: DetectorWorker,
    private readonly events: EventBus,
  ) {}

  /**
   * Runs the detector on one image now (in its worker, no job: about a second), replacing the image's pending
   * suggestions with what it finds at `threshold` or above; returns them.
   */
  async detectIn(imageId: number, threshold: number): Promise<BoxSuggestion[]> {
    const image = this.catalog.getImage(imageId)
    const pixels = await detectorInput(image.path).catch((error: unknown) => {
      throw new ApiError('bad_request', `${image.fileName} could not be read for the detector: ${error instanceof Error ? error.message : String(error)}`)
    })
    const found = await this.detector.detect(pixels, image, threshold)
    this.store.replaceSuggestions(imageId, DETECTOR_NAME, found)
    this.events.emit('training.changed', { reason: 'suggestions' })
    return this.store.suggestions(imageId, false, 0)
  }

  list(imageId: number, includeDecided: boolean, minScore: number): BoxSuggestion[] {
    this.catalog.getImage(imageId)
    return this.store.suggestions(imageId, includeDecided, minScore)
  }

  /** Each pending suggestion becomes a box through the annotation service (one undo step each). */
  accept(imageId: number, ids: number[], label?: string): ImageAnnotations {
    return this.events.batch(() => {
      const state = this.db.transaction(() => {
        let state = this.annotations.get(imageId)
        for (const suggestion of this.store.suggestionsById(imageId, ids)) {
          if (suggestion.state !== 'pending') continue
          const before = new Set(state.boxes.map((box) => box.id))
          state = this.annotations.addBox(imageId, label ?? suggestion.label, {
            x: suggestion.x,
            y: suggestion.y,
            width: suggestion.width,
            height: suggestion.height,
          })
          const added = state.boxes.find((box) => !before.has(box.id))
          this.store.decide(suggestion.id, 'accepted', added?.id ?? null)
        }
        return state
      })()
      this.events.emit('training.changed', { reason: 'suggestions' })
      return state
    })
  }

  reject(imageId: number, ids: number[]): void {
    for (const suggestion of this.store.suggestionsById(imageId, ids)) {
      if (suggestion.state === 'pending') this.store.decide(suggestion.id, 'rejected', null)
    }
    this.events.emit('training.changed', { reason: 'suggestions' })
  }
}
