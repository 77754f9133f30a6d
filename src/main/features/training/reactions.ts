import type { EventBus } from '../../platform/events/event-bus'
import type { ClassifierStore } from './classifier-store'
import type { PredictionService } from './prediction-service'

/** Newly indexed images get the active classifier's prediction in the background. */
export function keepPredictionsCurrent(events: EventBus, store: ClassifierStore, predictions: PredictionService): () => void {
  return events.on('search.indexChanged', () => {
    if (store.activeId() === null) return
    predictions.refresh('missing').catch((error: unknown) => console.error('Refreshing predictions failed:', error))
  })
}
