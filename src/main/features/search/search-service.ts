import { ApiError } from '../../../shared/api/errors'
import type { DuplicateGroup, ImageFilter, SearchHit, SearchQuery, SearchStatus } from '../../../shared/api/schemas'
import type { CatalogService } from '../catalog'
import { AnnIndex, annFile, buildAnnIndex, DEFAULT_ANN_PARAMS, type AnnBuild, type AnnParams } from './ann-index'
import type { Embedder } from '../models'
import { sameSignature, type EmbeddingMatrix, type EmbeddingStore } from './embedding-store'
import { MatrixCache } from './matrix-cache'
import { allNearest, nearest, type Neighbour } from './vector-search'

/** How many neighbours each image is compared with when looking for near-duplicates. */
const DUPLICATE_CANDIDATES = 10

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
  private readonly ann: (AnnOptions & { threshold: number; params: AnnParams }) | null
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

  async similar(query: SearchQuery, k: number, filter: ImageFilter): Promise<SearchHit[]> {
    const vector = await this.queryVector(query)
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
   * Groups of images at least `threshold` alike (cosine), each group best-connected first. Each image's nearest
   * neighbours come from the approximate index on a catalogue large enough for one (waiting for it to be built if
   * need be: all pairs exactly would take far longer, on this thread), looked up in slices so the event loop keeps
   * turning; from one all-pairs exact search on a smaller catalogue.
   */
  async duplicates(threshold: number): Promise<DuplicateGroup[]> {
    const index = (await this.prepareIndex()).state === 'ready' ? this.index : null
    const matrix = await this.embeddings()
    const { ids, neighbours } = index
      ? await approximateAllNearest(index, matrix, DUPLICATE_CANDIDATES)
      : allNearest(matrix, DUPLICATE_CANDIDATES)
    const parent = new Map<number, number>()
    const root = (id: number): number => {
      let current = id
      while (parent.has(current) && parent.get(current) !== current) current = parent.get(current)!
      return current
    }
    const bestScore = new Map<number, number>()
    neighbours.forEach((row, index) => {
      const id = ids[index]!
      for (const neighbour of row) {
        if (neighbour.imageId === id || neighbour.score < threshold) continue
        const [a, b] = [root(id), root(neighbour.imageId)]
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b))
        bestScore.set(id, Math.max(bestScore.get(id) ?? 0, neighbour.score))
        bestScore.set(neighbour.imageId, Math.max(bestScore.get(neighbour.imageId) ?? 0, neighbour.score))
      }
    })
    const groups = new Map<number, Neighbour[]>()
    for (const [id, score] of bestScore) {
      const group = groups.get(root(id)) ?? []
      group.push({ imageId: id, score })
      groups.set(root(id), group)
    }
    return [...groups.values()]
      .filter((group) => group.length > 1)
      .map((group) => ({ images: this.describe(group.sort((a, b) => a.imageId - b.imageId)) }))
      .sort((a, b) => b.images.length - a.images.length)
  }

  private async queryVector(query: SearchQuery): Promise<Float32Array> {
    const region = query.region
    if ('imageId' in query) {
      if (!region) {
        const stored = this.store.vectorOf(this.embedder.modelId, query.imageId)
        if (stored) return stored
      }
      const image = this.catalog.findById(query.imageId)
      if (!image) throw new ApiError('not_found', `There is no image ${query.imageId} in this catalogue.`)
      // A DICOM frame is one of several pictures in its file: the region is of that frame.
      return this.embed(image.path, region, image.frame)
    }
    if ('path' in query) return this.embed(query.path, region)
    return this.embed(Buffer.from(query.bytesBase64, 'base64'), region)
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
