import type { EventBus } from '../../platform/events/event-bus'
import type { TrainingService } from './training-service'

/** Newly indexed images get the active classifier's prediction in the background. */
export function keepPredictionsCurrent(events: EventBus, training: TrainingService): () => void {
  return events.on('search.indexChanged', () => {
    if (training.store.activeId() === null) return
    training.refreshPredictions('missing').catch((error: unknown) => console.error('Refreshing predictions failed:', error))
  })
}
