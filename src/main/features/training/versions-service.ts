import { resolve } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { ClassifierDetail, ClassifierSummary } from '../../../shared/api/schemas'
import { readLayersModel, writeLayersModel } from '../../engines/learning/layers-format'
import type { EventBus } from '../../platform/events/event-bus'
import type { ClassifierStore } from './classifier-store'
import type { ClassifierWorker } from './classifier-worker'
import type { PredictionService } from './prediction-service'

/** Inputs TensorFlow.js and Loupe's own forward pass must agree on before an imported folder is accepted. */
const PROBE_ROWS = 4
const IMPORT_TOLERANCE = 1e-4

/**
 * The stored classifier versions: listing, choosing the active one (whose predictions are then recomputed), deleting,
 * and moving them in and out of the workspace as TensorFlow.js layers-model folders.
 */
export class VersionService {
  constructor(
    private readonly store: ClassifierStore,
    private readonly worker: ClassifierWorker,
    private readonly predictions: Pick<PredictionService, 'refresh'>,
    private readonly events: EventBus,
  ) {}

  list(): ClassifierSummary[] {
    return this.store.list()
  }

  detail(id: number): ClassifierDetail {
    return this.store.detail(id)
  }

  /** Makes the version active and recomputes every prediction with it. */
  async activate(id: number): Promise<ClassifierSummary> {
    this.store.setActive(id)
    this.events.emit('training.changed', { reason: 'versions' })
    await this.predictions.refresh('all')
    return this.store.summary(id)
  }

  /** Deleting the active version leaves none active, and its predictions go with it. */
  remove(id: number): void {
    const wasActive = this.store.activeId() === id
    this.store.remove(id)
    if (wasActive) {
      this.store.clearPredictions()
      this.events.emit('training.changed', { reason: 'predictions' })
    }
    this.events.emit('training.changed', { reason: 'versions' })
  }

  async exportTo(id: number, dir: string): Promise<{ dir: string; files: string[] }> {
    const { network } = this.store.load(id)
    const out = resolve(dir)
    const files = await writeLayersModel(out, this.store.detail(id), network)
    return { dir: out, files }
  }

  /**
   * Reads an exported folder back as a new (inactive) version. TensorFlow.js loads the folder as a layers model in the
   * worker and must give the same probabilities as Loupe's own forward pass on a few probe inputs, so a folder that
   * would predict differently is refused.
   */
  async importFrom(dir: string): Promise<ClassifierSummary> {
    const read = await readLayersModel(resolve(dir))
    const { manifest, network } = read
    const worker = await this.worker.start()
    const inputs = network.layers[0]!.inputs
    const probe = new Float32Array(inputs * PROBE_ROWS)
    for (let i = 0; i < probe.length; i++) probe[i] = Math.abs(Math.sin(i * 12.9898)) / Math.sqrt(inputs)
    const ours = await worker.predict(network, probe.slice(), PROBE_ROWS)
    let theirs: Float32Array
    try {
      theirs = await worker.layersPredict(read.modelJson, [read.weights], probe.slice(), PROBE_ROWS)
    } catch (error) {
      throw new ApiError('bad_request', `TensorFlow.js cannot load ${dir} as a layers model: ${(error as Error).message}`)
    }
    const worst = ours.reduce((max, value, index) => Math.max(max, Math.abs(value - theirs[index]!)), 0)
    if (!(worst < IMPORT_TOLERANCE)) throw new ApiError('bad_request', `${dir}: TensorFlow.js and Loupe disagree on this model (by ${worst}).`)
    const id = this.store.insert({
      origin: 'imported',
      backbone: manifest.backbone.id,
      samples: manifest.samples === 'boxes' ? 'boxes' : 'images',
      classes: manifest.classes,
      trainCount: manifest.source?.trainCount ?? 0,
      valCount: manifest.source?.valCount ?? 0,
      epochs: manifest.source?.epochs ?? 0,
      bestEpoch: manifest.source?.bestEpoch ?? 0,
      stoppedBy: 'imported',
      valAccuracy: manifest.source?.valAccuracy ?? null,
      seconds: manifest.source?.seconds ?? 0,
      options: { ...(manifest.options ?? {}), importedFrom: resolve(dir) },
      counts: manifest.counts ?? {},
      metrics: manifest.metrics ?? null,
      curves: manifest.curves ?? [],
      network,
      jobId: null,
    })
    this.events.emit('training.changed', { reason: 'versions' })
    return this.store.summary(id)
  }
}
