import type { TrainOptions, TrainResult } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import type { Embedder } from '../models'
import type { EmbeddingStore } from '../search'
import type { Db } from '../../platform/storage/database'
import { classifierName } from '../../engines/learning/names'
import { evaluateClassifier } from '../../engines/learning/metrics'
import { notEnoughData, readiness } from './readiness'
import { collectSamples, embedSamples } from './samples'
import { stratifiedSplit } from '../../engines/learning/split'
import { balancedClassWeights, DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../engines/learning/trainer'
import type { ClassifierStore } from './classifier-store'
import type { ClassifierWorker } from './classifier-worker'
import type { PredictionService } from './prediction-service'
import type { JobTitle } from '../../../shared/jobs/job-titles'

/**
 * The 'train' job: gathers the labelled samples and their embeddings (embedding any that are missing), splits them
 * (seeded, stratified), trains the head in the training worker with live per-epoch curves, evaluates it on the
 * validation split and stores it as a new version. A finished run becomes the active version and every indexed image
 * is predicted again; a cancelled run still stores the best weights so far, as an inactive version.
 */
export class TrainRunner implements JobRunner<TrainOptions, TrainResult> {
  readonly kind = 'train' as const
  readonly resumable = false

  constructor(
    private readonly db: Db,
    private readonly store: ClassifierStore,
    private readonly worker: ClassifierWorker,
    private readonly predictions: Pick<PredictionService, 'refresh'>,
    private readonly embeddings: EmbeddingStore,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  title(options: TrainOptions): JobTitle {
    const model = this.embedder.modelId
    return options.samples === 'boxes' ? { id: 'trainOnCrops', values: { model } } : { id: 'trainOnImages', values: { source: options.labels, model } }
  }

  /** A Stop that lands while predictions are being refreshed comes too late: the version is already stored and active. */
  finishedBeforeCancel(result: TrainResult): boolean {
    return result.stoppedBy !== 'cancelled'
  }

  async run(context: JobContext, options: TrainOptions): Promise<TrainResult> {
    const set = collectSamples(this.db, options.samples, options.labels, options.classes)
    const before = readiness(set, options.samples, options.labels, 0)
    if (!before.ready) throw notEnoughData(before)

    const embedded = await embedSamples(this.db, this.embeddings, this.embedder, set.samples, {
      signal: context.signal,
      progress: (done, total) => context.progress(done, total + options.maxEpochs),
    })
    if (context.signal.aborted) throw new Error('Cancelled before training began.')
    const check = readiness({ ...set, samples: embedded.samples }, options.samples, options.labels, 0)
    if (!check.ready) throw notEnoughData(check)

    const classes = Object.keys(check.counts).sort()
    const y = Int32Array.from(embedded.samples, (sample) => classes.indexOf(sample.label))
    const dimension = embedded.vectors[0]!.length
    const x = new Float32Array(embedded.samples.length * dimension)
    embedded.vectors.forEach((vector, row) => x.set(vector, row * dimension))
    const { train, validation } = stratifiedSplit(y, classes.length, options.validationFraction, options.seed)
    const config: TrainConfig = {
      ...DEFAULT_TRAIN_CONFIG,
      hiddenUnits: options.hiddenUnits,
      maxEpochs: options.maxEpochs,
      patience: options.patience,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      dropout: options.dropout,
      seed: options.seed,
    }

    const worker = await this.worker.start()
    this.store.clearEpochs(context.jobId)
    let best = { loss: Infinity, epoch: 0 }
    context.progress(0, options.maxEpochs)
    const outcome = await worker.train(
      { x, dimension, y, train, validation, classCount: classes.length, classWeights: balancedClassWeights(y, train, classes.length) },
      config,
      (epoch) => {
        // The same rule as the trainer's early stopping, so the curve marks the epoch that is kept.
        if (epoch.valLoss < best.loss - config.minDelta) best = { loss: epoch.valLoss, epoch: epoch.epoch }
        this.store.saveEpoch(context.jobId, epoch)
        this.events.emit('training.epoch', { ...epoch, jobId: context.jobId, maxEpochs: options.maxEpochs, bestEpoch: best.epoch })
        context.progress(epoch.epoch, options.maxEpochs)
      },
      context.signal,
    )
    if (outcome.bestEpoch === 0) throw new Error('Cancelled before the first epoch ended: nothing was kept.')

    const validationIds = Array.from(validation, (row) => embedded.samples[row]!.imageId)
    const metrics = evaluateClassifier(classes, outcome.valProbabilities, Int32Array.from(validation, (row) => y[row]!), validationIds)
    const counts: Record<string, { train: number; val: number }> = {}
    for (const name of classes) counts[name] = { train: 0, val: 0 }
    for (const row of train) counts[classes[y[row]!]!]!.train++
    for (const row of validation) counts[classes[y[row]!]!]!.val++
    const versionId = this.store.insert({
      origin: 'trained',
      backbone: this.embedder.modelId,
      samples: options.samples,
      classes,
      trainCount: train.length,
      valCount: validation.length,
      epochs: outcome.epochs.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      valAccuracy: metrics.accuracy,
      seconds: outcome.seconds,
      options: { ...options },
      counts,
      metrics,
      curves: outcome.epochs,
      network: outcome.network,
      jobId: context.jobId,
    })
    this.events.emit('training.changed', { reason: 'versions' })
    let predicted = 0
    if (outcome.stoppedBy !== 'cancelled') {
      this.store.setActive(versionId)
      predicted = await this.predictions.refresh('all')
    }
    return {
      model: classifierName(versionId),
      versionId,
      labels: options.samples === 'images' ? options.labels : null,
      epochs: outcome.epochs.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      trainCount: train.length,
      valCount: validation.length,
      valAccuracy: metrics.accuracy,
      perClass: Object.fromEntries(metrics.perClass.map(({ label, ...rest }) => [label, rest])),
      seconds: outcome.seconds,
      predicted,
      backend: worker.backend.label,
    }
  }
}
