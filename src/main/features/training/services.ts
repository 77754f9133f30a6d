import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { AnnotationService } from '../annotations'
import type { CatalogService } from '../catalog'
import type { Embedder } from '../models'
import { ClassifierStore } from './classifier-store'
import { ClassifierWorker } from './classifier-worker'
import { DetectorWorker } from './detector-worker'
import { PredictionService } from './prediction-service'
import { QueueService } from './queue-service'
import { TrainingStatusService } from './status-service'
import { SuggestionService } from './suggestion-service'
import { VersionService } from './versions-service'

/**
 * The training feature's services of one workspace, each with one job, sharing the classifier tables (store) and the
 * lazily started training worker. The 'train' and 'prelabel' jobs are separate runners (TrainRunner, PrelabelRunner).
 */
export interface TrainingServices {
  readonly store: ClassifierStore
  readonly worker: ClassifierWorker
  readonly detector: DetectorWorker
  readonly status: TrainingStatusService
  readonly versions: VersionService
  readonly predictions: PredictionService
  readonly queues: QueueService
  readonly suggestions: SuggestionService
}

export function createTrainingServices(
  db: Db,
  catalog: CatalogService,
  annotations: AnnotationService,
  embedder: Embedder,
  events: EventBus,
): TrainingServices {
  const store = new ClassifierStore(db)
  const worker = new ClassifierWorker()
  const queues = new QueueService(db, store, catalog, embedder)
  const predictions = new PredictionService(db, store, worker, queues, catalog, annotations, embedder, events)
  const detector = new DetectorWorker()
  return {
    store,
    worker,
    detector,
    status: new TrainingStatusService(db, store, embedder),
    versions: new VersionService(store, worker, predictions, events),
    predictions,
    queues,
    suggestions: new SuggestionService(db, store, catalog, annotations, detector, events),
  }
}

/** Lets a prediction refresh under way finish, then stops the workers. */
export async function closeTrainingServices(training: TrainingServices): Promise<void> {
  await training.predictions.close()
  await training.worker.close()
  await training.detector.close()
}
