import type { EventBus } from '../../platform/events/event-bus'
import { ApiError } from '../../../shared/api/errors'
import {
  EmbeddingEngine,
  imageCells,
  KNOWN_MODELS,
  loadModelPixels,
  ModelError,
  ModelStore,
  normalisePixels,
  preprocessImage,
  onnxRuntimeUsable,
  probeBackend,
  recommendedModelId,
  type FeatureMap,
  type ImageInput,
  type InstalledModel,
  type PreprocessOptions,
} from '../../engines/ml'
import type { ModelSetting } from './model-setting'

/** Images per forward pass when finding where something is in search hits: 8 of 224 px are 5 MB of input. */
const LOCATION_BATCH = 8

type WorkerSlot = 'own' | 'sized' | 'second'

export interface InputSize {
  width: number
  height: number
}

export interface RunningModel {
  engine: EmbeddingEngine
  model: InstalledModel
}

/**
 * The user's models (one store shared by every workspace), which one this workspace uses, and the inference worker,
 * started on first use and kept for the session: starting it (backend choice, model load) costs a second or more,
 * embedding one more image a few milliseconds. One model is loaded at a time, in one worker at its own input size and,
 * once the box detector has asked for it, a second at the detector's size; an anomaly model of two backbones has the
 * other in a third.
 */
export class Embedder {
  readonly models: ModelStore
  /** The workspace's choice; null until it makes one (choosing, adding into an empty store, or first indexing). */
  private chosen: string | null
  /** The model in use while there is no choice: the best installed one, or the one to get when none is. */
  private fallback: string
  /**
   * The worker at the model's own input size, one at another size (the box detector's), and one of a second model (an
   * anomaly model's second backbone), each keyed by what it runs.
   */
  private readonly workers: Record<WorkerSlot, { key: string; started: Promise<RunningModel> } | null> = { own: null, sized: null, second: null }
  /** Workers of models no longer in use, finishing what they were asked before they end. */
  private retiring: Promise<unknown> = Promise.resolve()
  private probed: Promise<string> | null = null

  constructor(
    modelsDir: string,
    private readonly setting: ModelSetting,
    private readonly events: EventBus,
  ) {
    this.models = new ModelStore(modelsDir)
    this.chosen = setting.get()
    this.fallback = this.pickFallback()
  }

  /** The model that indexing and search use: the workspace's choice, else the best installed or recommended one. */
  get modelId(): string {
    return this.chosen ?? this.fallback
  }

  /** Looks at the store again (another process, e.g. the CLI, may have added a model since). */
  refresh(): void {
    const before = this.modelId
    this.fallback = this.pickFallback()
    if (this.modelId !== before) this.events.emit('search.indexChanged', { modelId: this.modelId })
  }

  /**
   * Brings models a workspace kept in its own folder (before models moved to the user's store) into the store, so
   * upgrading loses none; the old folder is left as it was. Only models the store lacks are verified (this runs on every
   * open); a damaged one stays behind, as an unusable copy is not worth carrying over.
   */
  async adoptModelsFrom(legacyDir: string): Promise<string[]> {
    const legacy = new ModelStore(legacyDir)
    const adopted: string[] = []
    for (const id of legacy.installedIds()) {
      if (await this.models.has(id)) continue
      try {
        const model = await legacy.open(id)
        await this.models.addModelFromFolder(model.dir, { manifest: model.manifest })
        adopted.push(id)
      } catch {
        // Left where it is (and still readable by an older Loupe); the workspace opens without it.
      }
    }
    if (adopted.length > 0) this.refresh()
    return adopted
  }

  /** The installed model, verified; a missing or damaged one is refused with what is wrong and how to add it. */
  verify(modelId: string): Promise<InstalledModel> {
    return this.models.open(modelId).catch(rethrowModelError)
  }

  /** Makes `modelId` (verified) the model in use, for this session and the next. */
  use(modelId: string): void {
    this.setting.set(modelId)
    this.chosen = modelId
    if (this.workers.own && this.workers.own.key !== modelId) this.retire('own')
    if (this.workers.sized && !this.workers.sized.key.startsWith(`${modelId}@`)) this.retire('sized')
    // Search, its indexes and the status line follow the model in use; announced even when the id is the same, as the
    // model may have just been installed in its place, and its images can be indexed at last.
    this.events.emit('search.indexChanged', { modelId })
  }

  /**
   * The worker with `modelId` (by default the model in use) loaded, at the model's own input size or at `input` (a
   * fully convolutional backbone run larger, as the box detector does; see engines/ml/input-size.ts); a worker of
   * another model is let go first. A worker at another size is a second one, so that a detector's run and indexing or
   * search at the same time do not end each other's worker.
   */
  start(modelId: string = this.modelId, input?: InputSize): Promise<RunningModel> {
    return this.startIn(input ? 'sized' : 'own', modelId, input)
  }

  /**
   * Workers for several models at their own input sizes, in order: the first as start() gives it, the next in a worker
   * of its own (an anomaly model learnt with two backbones), so that neither ends the other's.
   */
  startEach(modelIds: readonly string[]): Promise<RunningModel[]> {
    if (modelIds.length > 2) throw new RangeError('at most two models run side by side')
    return Promise.all(modelIds.map((modelId, index) => (index === 0 ? this.start(modelId) : this.startIn('second', modelId))))
  }

  private async startIn(slot: WorkerSlot, modelId: string, input?: InputSize): Promise<RunningModel> {
    const key = input ? `${modelId}@${input.width}x${input.height}` : modelId
    if (this.workers[slot]?.key !== key) {
      this.retire(slot)
      this.workers[slot] = { key, started: this.launch(modelId, input) }
    }
    const running = this.workers[slot]
    // A failed start is not remembered, so adding the missing model and trying again works.
    return running.started.catch((error: unknown) => {
      if (this.workers[slot] === running) this.workers[slot] = null
      throw error
    })
  }

  /** The backend in use, or (before the first embedding) the one this machine would pick. */
  async backendLabel(): Promise<string> {
    const running = this.workers.own && (await this.workers.own.started.catch(() => null))
    if (running) return running.engine.backend.label
    this.probed ??= probeBackend().then((info) => info.label)
    return this.probed
  }

  /** Embeds with the model in use an image that need not be in the catalogue: a file from outside, or a region. */
  async embedOne(input: ImageInput, options: Pick<PreprocessOptions, 'crop' | 'frame'> = {}): Promise<Float32Array> {
    const { engine, model } = await this.start()
    const pixels = await preprocessImage(input, model.manifest, options)
    const [vector] = await engine.embed(pixels, 1)
    return vector!.slice()
  }

  /**
   * Each image's feature map at the model's stride-16 layer (stride 32 where it has none), of the whole image as embed
   * sees it, for finding where in it something is; null for an image that cannot be read, and [] from a model whose
   * inference path gives no maps. One forward pass per LOCATION_BATCH images, the next batch decoding meanwhile.
   */
  async locationMaps(items: readonly { input: ImageInput; frame?: number }[]): Promise<(FeatureMap | null)[]> {
    const { engine, model } = await this.start()
    const layer = engine.featureLayers?.stride16 ?? engine.featureLayers?.stride32
    if (!layer) return []
    const load = (start: number) =>
      Promise.all(
        items.slice(start, start + LOCATION_BATCH).map(({ input, frame }) => loadModelPixels(input, model.manifest, { frame: frame ?? 0 }).catch(() => null)),
      )
    const maps: (FeatureMap | null)[] = []
    let loading = load(0)
    for (let start = 0; start < items.length; start += LOCATION_BATCH) {
      const pixels = await loading
      // The next batch decodes (libvips' threads) while this one runs on the worker.
      loading = load(start + LOCATION_BATCH)
      const readable = pixels.filter((image): image is Uint8Array => image !== null)
      const size = readable[0]?.length ?? 0
      const batch = new Float32Array(readable.length * size)
      readable.forEach((image, index) => normalisePixels(image, model.manifest, batch, index * size))
      const [map] = readable.length > 0 ? (await engine.features(batch, readable.length, [layer])).maps : []
      let next = 0
      for (const image of pixels) maps.push(image && map ? imageCells(map, next++) : null)
    }
    return maps
  }

  async close(): Promise<void> {
    this.retire('own')
    this.retire('sized')
    this.retire('second')
    await this.retiring
  }

  private pickFallback(): string {
    const installed = this.models.installedIds()
    const recommended = recommendedModelId(onnxRuntimeUsable())
    const preference = [recommended, ...KNOWN_MODELS.map((model) => model.id)]
    return preference.find((id) => installed.includes(id)) ?? installed[0] ?? recommended
  }

  private async launch(modelId: string, input?: InputSize): Promise<RunningModel> {
    const installed = await this.verify(modelId)
    const model = input ? { ...installed, manifest: { ...installed.manifest, input: { ...installed.manifest.input, ...input } } } : installed
    const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest }).catch(rethrowModelError)
    // The first model a workspace embeds with becomes its choice: its embeddings stay usable whatever is installed later.
    if (this.chosen === null && modelId === this.fallback) {
      this.setting.set(modelId)
      this.chosen = modelId
    }
    return { engine, model }
  }

  /** Closes the current worker once the calls already queued on it are answered (later ones are refused). */
  private retire(slot: WorkerSlot): void {
    const running = this.workers[slot]
    this.workers[slot] = null
    if (!running) return
    const closed = running.started.then(({ engine }) => engine.close(), () => undefined)
    this.retiring = Promise.all([this.retiring, closed])
  }
}

function rethrowModelError(error: unknown): never {
  if (error instanceof ModelError) throw new ApiError('not_found', error.message, { model: error.code })
  throw error
}
