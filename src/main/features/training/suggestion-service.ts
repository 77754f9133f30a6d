import type { BoxSuggestion, ImageAnnotations } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { AnnotationService } from '../annotations'
import type { CatalogService } from '../catalog'
import type { ClassifierStore } from './classifier-store'

/** Boxes the object detector proposed (the 'prelabel' job), for a person to accept as real boxes or reject. */
export class SuggestionService {
  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly catalog: CatalogService,
    private readonly annotations: AnnotationService,
    private readonly events: EventBus,
  ) {}

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
