import { DEFAULT_LABEL_SOURCE, type EpochMetrics, type LabelSource, type TrainingStatus, type TrainOptions } from '../../../shared/api/schemas'
import { DETECTOR_NAME, locateDetector } from '../../engines/learning/detector'
import type { Db } from '../../platform/storage/database'
import type { Embedder } from '../models'
import type { ClassifierStore, SampleKind } from './classifier-store'
import { notEnoughData, readiness, type Readiness } from './readiness'
import { collectSamples, countNotIndexed } from './samples'

/** What the training view shows before and during a run: the overview, whether the labels can train, the curves. */
export class TrainingStatusService {
  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly embedder: Embedder,
  ) {}

  /** The readiness shown is that of image samples under `labels`, the rule the Train view has chosen. */
  status(labels: LabelSource = DEFAULT_LABEL_SOURCE): TrainingStatus {
    const activeId = this.store.activeId()
    const detector = locateDetector()
    const predicted = this.store.predictionCount()
    const indexed = (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM embeddings e JOIN images i ON i.id = e.image_id AND i.content_hash = e.content_hash
           WHERE e.model_id = ?`,
        )
        .get(this.embedder.modelId) as { n: number }
    ).n
    const ready = this.readiness('images', labels)
    return {
      active: activeId === null ? null : this.store.summary(activeId),
      versions: this.store.count(),
      predicted,
      unpredicted: activeId === null ? 0 : Math.max(0, indexed - predicted),
      readiness: ready,
      detector: { available: detector.problem === null, name: DETECTOR_NAME, problem: detector.problem },
    }
  }

  readiness(kind: SampleKind, labels: LabelSource, classes?: readonly string[]): Readiness {
    const set = collectSamples(this.db, kind, labels, classes)
    return readiness(set, kind, labels, countNotIndexed(this.db, this.embedder.modelId, set.samples))
  }

  /** Refuses (typed ApiError 'conflict') when the labels cannot train a classifier; the job itself checks again. */
  checkCanTrain(options: TrainOptions): void {
    const check = this.readiness(options.samples, options.labels, options.classes)
    if (!check.ready) throw notEnoughData(check)
  }

  curves(jobId: number): EpochMetrics[] {
    return this.store.epochs(jobId)
  }
}
