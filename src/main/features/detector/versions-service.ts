import { resolve } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { DetectorDetail, DetectorEpoch, DetectorStatus, DetectorSummary } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { Embedder } from '../models'
import { countBoxClasses } from './box-samples'
import type { DetectorStore } from './detector-store'
import { readDetectorFolder, writeDetectorFolder } from './detector-folder'
import { cannotTrain, detectorProblem, MIN_BOXES_PER_CLASS, MIN_IMAGES_PER_CLASS } from './readiness'

/**
 * The workspace's box detectors: whether its boxes can train one, the stored versions, which one is active and at what
 * score threshold, and moving versions in and out as folders. Every write announces 'detector.changed'.
 */
export class DetectorVersionService {
  /** The training worker's backend, once a training run or a detection has started it. */
  private backend: string | null = null

  constructor(
    private readonly db: Db,
    private readonly store: DetectorStore,
    private readonly embedder: Embedder,
    private readonly events: EventBus,
  ) {}

  status(): DetectorStatus {
    const classes = countBoxClasses(this.db)
    const problem = detectorProblem(classes)
    const activeId = this.store.activeId()
    return {
      backend: this.backend,
      backbone: this.embedder.modelId,
      classes,
      canTrain: problem === null,
      problem,
      minimumBoxes: MIN_BOXES_PER_CLASS,
      minimumImages: MIN_IMAGES_PER_CLASS,
      active: activeId === null ? null : this.store.summary(activeId),
    }
  }

  /** Refuses (ApiError 'conflict', with the counts) when the boxes of `classes` (default all) cannot train a detector. */
  checkCanTrain(classes?: readonly string[]): void {
    const counts = countBoxClasses(this.db, classes)
    const missing = (classes ?? []).filter((name) => !counts.some((entry) => entry.label === name))
    if (missing.length > 0) {
      throw new ApiError('bad_request', `No image has a box of ${missing.map((name) => `"${name}"`).join(', ')}: train on classes that have boxes.`)
    }
    const problem = detectorProblem(counts)
    if (problem !== null) throw cannotTrain(problem, counts)
  }

  noteBackend(label: string): void {
    this.backend = label
  }

  curves(jobId: number): DetectorEpoch[] {
    return this.store.epochs(jobId)
  }

  list(): DetectorSummary[] {
    return this.store.list()
  }

  detail(id: number): DetectorDetail {
    return this.store.detail(id)
  }

  activate(id: number): DetectorSummary {
    this.store.setActive(id)
    this.events.emit('detector.changed', { versionId: id })
    return this.store.summary(id)
  }

  setThreshold(id: number, threshold: number): DetectorSummary {
    this.store.setThreshold(id, threshold)
    this.events.emit('detector.changed', { versionId: id })
    return this.store.summary(id)
  }

  /** Deleting the active version makes the newest remaining one active. */
  remove(id: number): void {
    this.store.remove(id)
    this.events.emit('detector.changed', { versionId: id })
  }

  async exportTo(id: number, dir: string): Promise<{ dir: string; files: string[] }> {
    const out = resolve(dir)
    const files = await writeDetectorFolder(out, this.store.detail(id), this.store.head(id))
    return { dir: out, files }
  }

  /**
   * Reads an exported folder back as a new, inactive version. It must have been made for the workspace's embedding
   * model: the head reads that backbone's feature maps, and another's would give meaningless boxes.
   */
  async importFrom(dir: string): Promise<DetectorSummary> {
    const source = resolve(dir)
    const { manifest, head } = await readDetectorFolder(source)
    const backbone = this.embedder.modelId
    if (manifest.backbone !== backbone) {
      throw new ApiError(
        'conflict',
        `${source} holds a detector made for ${manifest.backbone}, but this workspace uses ${backbone}: ` +
          `switch the workspace to ${manifest.backbone} first, or train a detector on ${backbone}.`,
      )
    }
    const { training } = manifest
    const id = this.store.insert({
      origin: 'imported',
      backbone: manifest.backbone,
      classes: manifest.classes,
      trainImages: training.trainImages,
      valImages: training.valImages,
      epochs: training.epochs,
      bestEpoch: training.bestEpoch,
      stoppedBy: training.stoppedBy,
      valMAP50: training.valMAP50,
      scoreThreshold: manifest.scoreThreshold,
      seconds: 0,
      options: { ...training.options, importedFrom: source },
      evaluation: manifest.evaluation,
      curves: training.curves,
      head,
      jobId: null,
    })
    this.events.emit('detector.changed', { versionId: id })
    return this.store.summary(id)
  }
}
