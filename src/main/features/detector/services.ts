import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import type { Embedder } from '../models'
import { DetectionService, type SuggestionTable } from './detection-service'
import { DetectorStore } from './detector-store'
import { DetectorWorker } from './detector-worker'
import { DetectorVersionService } from './versions-service'

/**
 * The detector feature's services of one workspace, sharing its tables (store) and the lazily started detection
 * worker, where heads train and run. Its suggestions go to the training feature's suggestion table, whose
 * accept/reject flow the canvas already has. The 'detector-train' and 'detect' jobs are runners of their own.
 */
export interface DetectorServices {
  readonly store: DetectorStore
  readonly versions: DetectorVersionService
  readonly detection: DetectionService
  readonly worker: DetectorWorker
}

export function createDetectorServices(
  db: Db,
  catalog: CatalogService,
  embedder: Embedder,
  suggestions: SuggestionTable,
  events: EventBus,
): DetectorServices {
  const store = new DetectorStore(db)
  const worker = new DetectorWorker()
  const versions = new DetectorVersionService(db, store, embedder, events)
  return {
    store,
    versions,
    detection: new DetectionService(db, store, catalog, embedder, worker, suggestions, events, (label) => versions.noteBackend(label)),
    worker,
  }
}

export async function closeDetectorServices(detector: DetectorServices): Promise<void> {
  await detector.worker.close()
}
