import type { DetectorEvaluation, DetectorTrainRequest, DetectorTrainResult } from '../../../shared/api/schemas'
import { FLIPS, flipBox, type Flip } from '../../engines/detection/boxes'
import { detectionInput, detectionMaps, type DetectionInputShape } from '../../engines/detection/features'
import { zoomedView } from '../../engines/detection/zoom'
import { Random } from '../../engines/learning/random'
import type { DetectionEvaluation } from '../../engines/detection/metrics'
import { DEFAULT_DETECTOR_CONFIG, type DetectorSample, type DetectorTrainConfig } from '../../engines/detection/train'
import { stratifiedSplit } from '../../engines/learning/split'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import type { Db } from '../../platform/storage/database'
import type { Embedder } from '../models'
import { collectBoxedImages, countBoxClasses, mainClass, type BoxedImage } from './box-samples'
import { detectorName, type DetectorStore } from './detector-store'
import type { DetectorWorker } from './detector-worker'
import type { DetectorVersionService } from './versions-service'
import type { JobTitle } from '../../../shared/jobs/job-titles'

/** Pictures whose maps are computed at once (each in up to four flips). */
const MAPS_BATCH = 8
/** Validation images listed as the worst, for a person to open. */
const WORST_IMAGES = 20
/** A version's score threshold when its validation pictures give nothing to measure one on (see bestF1Threshold). */
const FALLBACK_SCORE_THRESHOLD = 0.3

/**
 * The 'detector-train' job: the present images with boxes of the chosen classes, split by image (seeded, stratified
 * on each image's most frequent class), their backbone maps computed once (training images also mirrored, their boxes
 * with them), the head trained in the detection worker with one 'detector.epoch' event per epoch, and the best epoch's
 * head stored as a new version with its evaluation on the validation images. A finished run becomes the active
 * version; Stop keeps the best head so far as an inactive version.
 */
export class DetectorTrainRunner implements JobRunner<DetectorTrainRequest, DetectorTrainResult> {
  readonly kind = 'detector-train' as const
  readonly resumable = false

  constructor(
    private readonly db: Db,
    private readonly store: DetectorStore,
    private readonly versions: DetectorVersionService,
    private readonly worker: DetectorWorker,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  title(request: DetectorTrainRequest): JobTitle {
    const model = this.embedder.modelId
    return request.classes ? { id: 'detectorTrainClasses', values: { classes: request.classes.join(', '), model } } : { id: 'detectorTrainAll', values: { model } }
  }

  finishedBeforeCancel(result: DetectorTrainResult): boolean {
    return result.stoppedBy !== 'cancelled'
  }

  async run(context: JobContext, request: DetectorTrainRequest): Promise<DetectorTrainResult> {
    this.versions.checkCanTrain(request.classes)
    const classes = countBoxClasses(this.db, request.classes).map((entry) => entry.label)
    const images = collectBoxedImages(this.db, classes)
    const { train, validation } = stratifiedSplit(Int32Array.from(images, mainClass), classes.length, request.validationFraction, request.seed)
    const trainImages = Array.from(train, (index) => images[index]!)
    const validationImages = Array.from(validation, (index) => images[index]!)
    const total = images.length + request.maxEpochs
    const backbone = this.embedder.modelId
    const input = detectionInput((await this.embedder.verify(backbone)).manifest)

    let done = 0
    // Training pictures are samples in each of their flips; a validation picture is one sample that carries its mirror
    // image's maps, as detection will (test-time averaging, see DetectionMaps.mirrored).
    // One zoomed-in crop of each training picture besides its flips (scale jitter, see zoom.ts), the same for a seed.
    const zoomRandom = new Random(request.seed ^ 0x200a)
    const mapsOf = async (set: BoxedImage[], use: 'samples' | 'views') => {
      const flips: readonly Flip[] = use === 'views' ? ['none', 'horizontal'] : request.flips ? FLIPS : ['none']
      const { engine } = await this.embedder.start(backbone, input)
      const samples: DetectorSample[] = []
      let shape: DetectionInputShape | null = null
      for (let start = 0; start < set.length; start += MAPS_BATCH) {
        if (context.signal.aborted) throw new Error('Cancelled before training began.')
        const batch = set.slice(start, start + MAPS_BATCH)
        const computed = await detectionMaps(engine, batch.map((image) => image.path), flips, context.signal)
        shape = computed.shape
        batch.forEach((image, index) => {
          const [picture, ...others] = computed.maps[index]!
          if (use === 'views') samples.push({ maps: { ...picture!, mirrored: others[0]! }, boxes: image.boxes })
          else flips.forEach((flip, f) => samples.push({ maps: computed.maps[index]![f]!, boxes: image.boxes.map((box) => flipBox(box, flip)) }))
        })
        if (use === 'samples' && request.zoom) {
          const views = batch.map((image) => zoomedView(image.boxes, image, zoomRandom))
          const zoomed = await detectionMaps(engine, batch.map((image, index) => ({ input: image.path, crop: views[index]!.crop })), ['none'], context.signal)
          views.forEach((view, index) => samples.push({ maps: zoomed.maps[index]![0]!, boxes: view.boxes }))
        }
        done += batch.length
        context.progress(done, total)
      }
      return { samples, shape: shape! }
    }
    const trainSet = await mapsOf(trainImages, 'samples')
    const validationSet = await mapsOf(validationImages, 'views')

    const config: DetectorTrainConfig = {
      ...DEFAULT_DETECTOR_CONFIG,
      maxEpochs: request.maxEpochs,
      patience: request.patience,
      learningRate: request.learningRate,
      seed: request.seed,
      scoreThreshold: FALLBACK_SCORE_THRESHOLD,
    }
    const worker = await this.worker.start()
    this.versions.noteBackend(worker.backend.label)
    this.store.clearEpochs(context.jobId)
    const outcome = await worker.train(
      { shape: trainSet.shape, classes: classes.length, train: trainSet.samples, validation: validationSet.samples, config },
      (epoch) => {
        this.store.saveEpoch(context.jobId, epoch)
        this.events.emit('detector.epoch', { ...epoch, jobId: context.jobId, maxEpochs: request.maxEpochs })
        context.progress(images.length + epoch.epoch, total)
      },
      context.signal,
    )
    if (outcome.bestEpoch === 0) throw new Error('Cancelled before the first epoch ended: nothing was kept.')

    const evaluation = describeEvaluation(outcome.evaluation, classes, validationImages, outcome.scoreThreshold)
    const versionId = this.store.insert({
      origin: 'trained',
      backbone,
      classes,
      trainImages: trainImages.length,
      valImages: validationImages.length,
      epochs: outcome.epochs.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      valMAP50: evaluation.map50,
      scoreThreshold: outcome.scoreThreshold,
      seconds: outcome.seconds,
      options: { ...request },
      evaluation,
      curves: outcome.epochs,
      head: outcome.head,
      jobId: context.jobId,
    })
    if (outcome.stoppedBy !== 'cancelled') this.store.setActive(versionId)
    this.events.emit('detector.changed', { versionId })
    return {
      model: detectorName(versionId),
      versionId,
      epochs: outcome.epochs.length,
      bestEpoch: outcome.bestEpoch,
      stoppedBy: outcome.stoppedBy,
      trainImages: trainImages.length,
      valImages: validationImages.length,
      valMAP50: evaluation.map50,
      valMAP5095: evaluation.map5095,
      perClass: Object.fromEntries(evaluation.perClass.map((entry) => [entry.label, entry.ap50])),
      backend: worker.backend.label,
      seconds: outcome.seconds,
    }
  }
}

/** The engine's evaluation in the contract's words: class names, and the worst validation images as catalogue ids. */
export function describeEvaluation(
  evaluation: DetectionEvaluation,
  classes: readonly string[],
  validationImages: readonly BoxedImage[],
  scoreThreshold: number,
): DetectorEvaluation {
  return {
    map50: evaluation.map50 ?? 0,
    map5095: evaluation.map5095 ?? 0,
    scoreThreshold,
    perClass: evaluation.perClass.map((entry) => ({
      label: classes[entry.classIndex]!,
      boxes: entry.truthBoxes,
      ap50: entry.ap50,
      ap5095: entry.ap5095,
      precision: entry.precision ?? 0,
      recall: entry.recall ?? 0,
    })),
    worstImages: evaluation.images
      .filter((image) => image.misses + image.falsePositives > 0)
      .sort((a, b) => b.worst - a.worst)
      .slice(0, WORST_IMAGES)
      .map((image) => ({ imageId: validationImages[image.index]!.imageId, misses: image.misses, falsePositives: image.falsePositives })),
  }
}
