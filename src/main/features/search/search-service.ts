import { ApiError } from '../../../shared/api/errors'
import type { DuplicateGroup, DuplicateThreshold, ImageFilter, SearchHit, SearchQuery, SearchStatus } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import { AnnIndex, annFile, buildAnnIndex, DEFAULT_ANN_PARAMS, type AnnBuild, type AnnParams } from './ann-index'
import type { Embedder } from '../models'
import type { DuplicateCalibration } from './duplicate-calibration'
import { duplicateGroups } from './duplicate-groups'
import { sameSignature, type EmbeddingMatrix, type EmbeddingStore } from './embedding-store'
import { locateMatches } from './match-locator'
import { MatrixCache } from './matrix-cache'
import { PixelCheck, type CandidatePair } from './pixel-check'
import { allNearest, nearest, type Neighbour } from './vector-search'

/**
 * How many neighbours of each image are candidates for its copies. On textures the embedding of a halved copy can rank
 * below a dozen different images of the same class (NEU-DET: 11th to 14th; once past 40th), so more than 10.
 */
const DUPLICATE_CANDIDATES = 16

/**
 * From this many embeddings of a model on, searches go through an approximate (HNSW) index. Below it exact search is
 * fast enough and needs no index: a few milliseconds at 20k × 1280-d (2.5 ms at 10k, 37 ms at 100k on a busy 2-core
 * machine), while the index costs a background build (10 s at 10k, 200 s at 100k there). Finding duplicates, though,
 * compares every image with all others when exact: 20 s at 10k, over a minute at 20k.
 */
export const ANN_THRESHOLD = 20_000

/**
 * Near-duplicate candidates are looked up in slices of this many images, with a turn of the event loop between: at
 * 100k, 0.5-1.5 s of native search per 1,000 images on 2 cores (busy), so 35-100 ms per slice.
 */
const DUPLICATE_ROWS_PER_TURN = 64

export interface AnnOptions {
  /** Where index files go: `<workspace>/cache/vectors`. */
  dir: string
  /** Embeddings from which on the index is used; default ANN_THRESHOLD. */
  threshold?: number
  params?: Partial<AnnParams>
  /** Native threads of a build; default every core. */
  buildThreads?: number
  /** Their nice value on Linux; default BUILD_NICE (low priority). */
  buildNice?: number
}

export interface SearchOptions {
  /** The approximate index for large catalogues; without it, every search is exact. */
  ann?: AnnOptions
  /**
   * Where an image's thumbnail is (made if need be), or null. Finding where a region is in a hit reads it rather than
   * the image's file: the model sees 224 pixels either way, and decoding a photo took 12 ms of the 17 a hit cost.
   */
  thumbnailOf?: (imageId: number) => Promise<string | null>
  /** Where each model's default duplicates threshold comes from; without it, duplicates need a threshold. */
  calibration?: DuplicateCalibration
}

/** Where the approximate index stands, for status displays, tests and benchmarks. */
export interface AnnState {
  /**
   * off: no index configured; exact: searching exactly (catalogue below the threshold, or not checked yet); building:
   * exact while an index is built; ready: an index is in use; failed: the last build failed (exact until the catalogue
   * changes again).
   */
  state: 'off' | 'exact' | 'building' | 'ready' | 'failed'
  /** Vectors in the index in use (0 when none). */
  size: number
  file: string | null
  error: string | null
}

/** "Show me images that look like this": a catalogue image, an outside file, or a region of either. */
export class SearchService {
  private readonly matrices: MatrixCache
  private readonly pixelCheck: PixelCheck
  private readonly calibration: DuplicateCalibration | undefined
  private readonly ann: (AnnOptions & { threshold: number; params: AnnParams }) | null
  private readonly thumbnailOf: SearchOptions['thumbnailOf']
  /** The index in use, of the model `checkedFor`: checked against the catalogue once after each invalidation. */
  private index: AnnIndex | null = null
  private checkedFor: string | null = null
  private build: IndexBuild | null = null
  private buildError: string | null = null
  private closed = false

  constructor(
    private readonly catalog: CatalogService,
    private readonly store: EmbeddingStore,
    private readonly embedder: Embedder,
    options: SearchOptions = {},
  ) {
    this.matrices = new MatrixCache(store)
    this.thumbnailOf = options.thumbnailOf
    this.pixelCheck = new PixelCheck(catalog)
    this.calibration = options.calibration
    this.ann = options.ann
      ? { ...options.ann, threshold: options.ann.threshold ?? ANN_THRESHOLD, params: { ...DEFAULT_ANN_PARAMS, ...options.ann.params } }
      : null
  }

  /**
   * Called when embeddings, the catalogue's images or the model in use change: the in-memory matrix catches up on next
   * use, and the approximate index is checked against the catalogue again (and rebuilt in the background if it no
   * longer matches).
   */
  invalidate(): void {
    this.matrices.invalidate()
    this.checkedFor = null
    this.buildError = null
  }

  /**
   * Makes the approximate index ready if the catalogue is large enough for one: opens a fresh file, or builds one
   * (waiting for it). Searches do this by themselves, in the background, answering exactly meanwhile; this is for
   * warming up after indexing, and for tests and benchmarks.
   */
  async prepareIndex(): Promise<AnnState> {
    for (;;) {
      this.approximate()
      const pending = this.build
      if (!pending) return this.annState()
      await pending.finished
    }
  }

  annState(): AnnState {
    const file = this.ann ? annFile(this.ann.dir, this.embedder.modelId) : null
    const base = { size: this.index?.size ?? 0, file, error: this.buildError }
    if (!this.ann) return { ...base, state: 'off' }
    if (this.build) return { ...base, state: 'building' }
    if (this.buildError) return { ...base, state: 'failed' }
    return { ...base, state: this.index ? 'ready' : 'exact' }
  }

  /**
   * Stops a build or a read of the embeddings in progress (a build's temporary file is removed; the next session builds
   * again).
   */
  async close(): Promise<void> {
    this.closed = true
    this.matrices.close()
    await this.build?.cancel()
  }

  /** Whether indexing runs by itself is the AutoIndexer's to say (see the status handler). */
  async status(): Promise<Omit<SearchStatus, 'autoIndexPaused'>> {
    this.embedder.refresh()
    const modelId = this.embedder.modelId
    const problem = await this.embedder.models.open(modelId).then(
      () => null,
      (error: Error) => error.message,
    )
    return {
      modelId,
      modelProblem: problem,
      backend: await this.embedder.backendLabel(),
      indexed: this.store.count(modelId),
      pending: this.store.countMissing(modelId),
    }
  }

  /** The nearest images; for a region, the first hits also say where in them the region is most alike (`match`). */
  async similar(query: SearchQuery, k: number, filter: ImageFilter): Promise<SearchHit[]> {
    const hits = await this.nearestTo(await this.queryVector(query), k, filter)
    if (!query.region || hits.length === 0) return hits
    return locateMatches(this.embedder, { ...this.queryImage(query), region: query.region }, hits, (hit) => this.pictureOf(hit))
  }

  private async nearestTo(vector: Float32Array, k: number, filter: ImageFilter): Promise<SearchHit[]> {
    // Any facet restricts the images searched: label, status, the classifier's predictions and queues.
    const restricted = Object.values(filter).some((value) => value !== undefined)
    const allowed = restricted ? this.catalog.idsMatching(filter) : undefined
    const index = this.approximate()
    if (!index) return this.describe(nearest(await this.embeddings(), vector, k, allowed))
    if (!allowed) return this.describe(index.search(vector, k))
    // Over-fetch and keep the allowed; a filter too selective for that is searched exactly over its images.
    return this.describe(index.searchFiltered(vector, k, allowed) ?? nearest(await this.embeddings(), vector, k, allowed))
  }

  /**
   * Groups of images that are the same picture: pairs at least `threshold` alike by embedding (by default the model's
   * calibrated threshold, lenient enough for resized and cropped copies) confirmed pixel by pixel, since the embedding
   * alone finds two different images of one texture or scene as alike as a copy.
   */
  async duplicates(threshold?: number): Promise<DuplicateGroup[]> {
    const candidates = await this.duplicateCandidates(threshold ?? (await this.duplicateThreshold()).threshold)
    return duplicateGroups(await this.pixelCheck.confirm(candidates), this.catalog)
  }

  /** The model in use's default duplicates threshold, calibrated on this catalogue's images the first time. */
  async duplicateThreshold(): Promise<DuplicateThreshold> {
    if (!this.calibration) throw new ApiError('conflict', 'No duplicate calibration here: give a threshold.')
    return this.calibration.threshold((await this.embeddings()).ids)
  }

  /**
   * Each pair of images at least `threshold` alike (cosine) among each other's nearest neighbours, most alike first.
   * The neighbours come from the approximate index on a catalogue large enough for one (waiting for it to be built if
   * need be: all pairs exactly would take far longer, on this thread), looked up in slices so the event loop keeps
   * turning; from one all-pairs exact search on a smaller catalogue.
   */
  async duplicateCandidates(threshold: number): Promise<CandidatePair[]> {
    const index = (await this.prepareIndex()).state === 'ready' ? this.index : null
    const matrix = await this.embeddings()
    const { ids, neighbours } = index
      ? await approximateAllNearest(index, matrix, DUPLICATE_CANDIDATES)
      : allNearest(matrix, DUPLICATE_CANDIDATES)
    const pairs = new Map<string, CandidatePair>()
    neighbours.forEach((row, index) => {
      const id = ids[index]!
      for (const neighbour of row) {
        if (neighbour.imageId === id || neighbour.score < threshold) continue
        const [a, b] = id < neighbour.imageId ? [id, neighbour.imageId] : [neighbour.imageId, id]
        pairs.set(`${a}:${b}`, { a, b, score: neighbour.score })
      }
    })
    return [...pairs.values()].sort((x, y) => y.score - x.score)
  }

  private async queryVector(query: SearchQuery): Promise<Float32Array> {
    if ('imageId' in query && !query.region) {
      const stored = this.store.vectorOf(this.embedder.modelId, query.imageId)
      if (stored) return stored
    }
    const { input, frame } = this.queryImage(query)
    return this.embed(input, query.region, frame)
  }

  /** A hit's picture to find the region in: its thumbnail where there is one, else its file (a DICOM image: its frame). */
  private async pictureOf(hit: SearchHit): Promise<{ input: string; frame: number }> {
    const thumbnail = await this.thumbnailOf?.(hit.id)
    return thumbnail ? { input: thumbnail, frame: 0 } : { input: hit.path, frame: this.catalog.findById(hit.id)?.frame ?? 0 }
  }

  /** The picture a query is about: a catalogue image's file (a DICOM frame is one of several pictures in its file). */
  private queryImage(query: SearchQuery): { input: string | Buffer; frame: number } {
    if ('path' in query) return { input: query.path, frame: 0 }
    if ('bytesBase64' in query) return { input: Buffer.from(query.bytesBase64, 'base64'), frame: 0 }
    const image = this.catalog.findById(query.imageId)
    if (!image) throw new ApiError('not_found', `There is no image ${query.imageId} in this catalogue.`)
    return { input: image.path, frame: image.frame }
  }

  private async embed(input: string | Buffer, region: SearchQuery['region'], frame = 0): Promise<Float32Array> {
    try {
      return await this.embedder.embedOne(input, { ...(region && { crop: region }), frame })
    } catch (error) {
      if (error instanceof ApiError) throw error
      const what = typeof input === 'string' ? input : 'the dropped file'
      throw new ApiError('bad_request', `Cannot search with ${what}: ${(error as Error).message}`)
    }
  }

  /**
   * The approximate index to search with, if the catalogue has one that is fresh; otherwise null, after starting a
   * background build when the catalogue is large enough for an index (searches stay exact until it is ready). A build
   * for a model no longer in use is stopped.
   */
  private approximate(): AnnIndex | null {
    const ann = this.ann
    if (!ann || this.closed) return null
    const modelId = this.embedder.modelId
    if (this.build && this.build.modelId !== modelId) {
      void this.build.cancel()
      this.build = null
      this.checkedFor = null
      this.buildError = null
    }
    if (this.checkedFor === modelId) return this.index
    if (this.build) return null
    const signature = this.store.signature(modelId)
    this.checkedFor = modelId
    if (signature.count < Math.max(1, ann.threshold)) {
      this.index = null
      return null
    }
    if (!this.index || !sameSignature(this.index.signature, signature)) {
      this.index = AnnIndex.open(annFile(ann.dir, modelId), signature, ann.params)
    }
    if (!this.index && !this.buildError) {
      this.checkedFor = null
      this.startBuild(ann, modelId)
    }
    return this.index
  }

  /** Builds the index of `modelId` from the matrix in memory (read first if need be), on a worker. */
  private startBuild(ann: AnnOptions & { params: AnnParams }, modelId: string): void {
    const file = annFile(ann.dir, modelId)
    let run: AnnBuild | null = null
    let cancelled = false
    const building = (async () => {
      const { matrix, signature } = await this.matrices.current(modelId)
      if (cancelled) return
      run = buildAnnIndex({
        file,
        matrix,
        signature,
        params: ann.params,
        ...(ann.buildThreads !== undefined && { threads: ann.buildThreads }),
        ...(ann.buildNice !== undefined && { nice: ann.buildNice }),
      })
      await run.done
    })()
    const build: IndexBuild = {
      modelId,
      finished: building
        .then(
          () => {
            if (this.build !== build || cancelled) return
            // In use only if the catalogue has not changed while building; otherwise the next search builds again.
            this.index = AnnIndex.open(file, this.store.signature(modelId), ann.params)
            this.checkedFor = this.index ? modelId : null
          },
          (error: Error) => {
            if (this.build !== build || cancelled || this.closed) return
            // Searches stay exact until the catalogue changes again, rather than retrying a failing build each time.
            this.buildError = error.message
            this.checkedFor = modelId
          },
        )
        .finally(() => {
          if (this.build === build) this.build = null
        }),
      async cancel() {
        cancelled = true
        await (run as AnnBuild | null)?.cancel()
        await building.catch(() => undefined)
      },
    }
    this.build = build
  }

  /** The active model's embeddings, read into memory on first use and kept current. */
  private async embeddings(): Promise<EmbeddingMatrix> {
    const { matrix } = await this.matrices.current(this.embedder.modelId)
    if (matrix.ids.length === 0) {
      throw new ApiError('conflict', 'Nothing is indexed for visual search yet: index the catalogue first.')
    }
    return matrix
  }

  private describe(hits: Neighbour[]): SearchHit[] {
    const scores = new Map(hits.map((hit) => [hit.imageId, hit.score]))
    return this.catalog.summariesOf(hits.map((hit) => hit.imageId)).map((image) => ({
      ...image,
      score: scores.get(image.id)!,
    }))
  }
}

/** An index build in progress; `finished` settles however it ends. */
interface IndexBuild {
  modelId: string
  finished: Promise<void>
  cancel(): Promise<void>
}

/** `allNearest` through the approximate index: each row's `k` nearest rows, looked up in slices. */
async function approximateAllNearest(
  index: AnnIndex,
  matrix: EmbeddingMatrix,
  k: number,
): Promise<{ ids: Int32Array; neighbours: Neighbour[][] }> {
  const { ids, vectors, dimensions } = matrix
  const neighbours: Neighbour[][] = []
  for (let row = 0; row < ids.length; row += DUPLICATE_ROWS_PER_TURN) {
    const end = Math.min(ids.length, row + DUPLICATE_ROWS_PER_TURN)
    neighbours.push(...index.searchMany(vectors.subarray(row * dimensions, end * dimensions), k))
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { ids, neighbours }
}
