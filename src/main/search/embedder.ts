import { ApiError } from '../../shared/api/errors'
import {
  DEFAULT_MODEL_ID,
  EmbeddingEngine,
  ModelError,
  ModelStore,
  preprocessImage,
  probeBackend,
  type BatchItem,
  type InstalledModel,
} from '../ml'

/**
 * The workspace's models and the one inference worker, started on first use and kept for the session: starting it
 * (backend choice, model load) costs a second or more, embedding one more image a few milliseconds.
 */
export class Embedder {
  readonly models: ModelStore
  private engine: Promise<{ engine: EmbeddingEngine; model: InstalledModel }> | null = null
  private probed: Promise<string> | null = null

  constructor(modelsDir: string, readonly modelId: string = DEFAULT_MODEL_ID) {
    this.models = new ModelStore(modelsDir)
  }

  async start(): Promise<{ engine: EmbeddingEngine; model: InstalledModel }> {
    this.engine ??= (async () => {
      const model = await this.models.open(this.modelId).catch(rethrowModelError)
      const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest }).catch(rethrowModelError)
      return { engine, model }
    })()
    // A failed start is not remembered, so adding the missing model and trying again works.
    return this.engine.catch((error: unknown) => {
      this.engine = null
      throw error
    })
  }

  /** The backend in use, or (before the first embedding) the one this machine would pick. */
  async backendLabel(): Promise<string> {
    const running = this.engine && (await this.engine.catch(() => null))
    if (running) return running.engine.backend.label
    this.probed ??= probeBackend().then((info) => info.label)
    return this.probed
  }

  /** Embeds images that need not be in the catalogue: a file from outside, or a region of an image. */
  async embedOne(item: BatchItem): Promise<Float32Array> {
    const { engine, model } = await this.start()
    const { input, crop } = typeof item === 'string' || Buffer.isBuffer(item) ? { input: item, crop: undefined } : item
    const pixels = await preprocessImage(input, model.manifest, crop ? { crop } : {})
    const [vector] = await engine.embed(pixels, 1)
    return vector!.slice()
  }

  async close(): Promise<void> {
    const running = this.engine
    this.engine = null
    if (running) await (await running.catch(() => null))?.engine.close()
  }
}

function rethrowModelError(error: unknown): never {
  if (error instanceof ModelError) throw new ApiError('not_found', error.message, { model: error.code })
  throw error
}
