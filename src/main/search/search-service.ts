import { ApiError } from '../../shared/api/errors'
import type { DuplicateGroup, ImageFilter, SearchHit, SearchQuery, SearchStatus } from '../../shared/api/schemas'
import type { CatalogService } from '../catalog/catalog-service'
import type { Embedder } from './embedder'
import type { EmbeddingMatrix, EmbeddingStore } from './embedding-store'
import { allNearest, nearest, type Neighbour } from './vector-search'

/** How many neighbours each image is compared with when looking for near-duplicates. */
const DUPLICATE_CANDIDATES = 10

/** "Show me images that look like this": a catalogue image, an outside file, or a region of either. */
export class SearchService {
  private matrix: EmbeddingMatrix | null = null

  constructor(
    private readonly catalog: CatalogService,
    private readonly store: EmbeddingStore,
    private readonly embedder: Embedder,
  ) {}

  /** Called when embeddings or the catalogue's images change: the in-memory matrix is rebuilt on next use. */
  invalidate(): void {
    this.matrix = null
  }

  async status(): Promise<SearchStatus> {
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
    const restricted = filter.label !== undefined || filter.status !== undefined
    const hits = nearest(this.embeddings(), vector, k, restricted ? this.catalog.idsMatching(filter) : undefined)
    return this.describe(hits)
  }

  /** Groups of images at least `threshold` alike (cosine), each group best-connected first. */
  duplicates(threshold: number): DuplicateGroup[] {
    const matrix = this.embeddings()
    const { ids, neighbours } = allNearest(matrix, DUPLICATE_CANDIDATES)
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
      const [image] = this.catalog.summariesOf([query.imageId])
      if (!image) throw new ApiError('not_found', `There is no image ${query.imageId} in this catalogue.`)
      return this.embed(image.path, region)
    }
    if ('path' in query) return this.embed(query.path, region)
    return this.embed(Buffer.from(query.bytesBase64, 'base64'), region)
  }

  private async embed(input: string | Buffer, region: SearchQuery['region']): Promise<Float32Array> {
    try {
      return await this.embedder.embedOne(region ? { input, crop: region } : input)
    } catch (error) {
      if (error instanceof ApiError) throw error
      const what = typeof input === 'string' ? input : 'the dropped file'
      throw new ApiError('bad_request', `Cannot search with ${what}: ${(error as Error).message}`)
    }
  }

  private embeddings(): EmbeddingMatrix {
    this.matrix ??= this.store.matrix(this.embedder.modelId)
    if (this.matrix.ids.length === 0) {
      throw new ApiError('conflict', 'Nothing is indexed for visual search yet: index the catalogue first.')
    }
    return this.matrix
  }

  private describe(hits: Neighbour[]): SearchHit[] {
    const scores = new Map(hits.map((hit) => [hit.imageId, hit.score]))
    return this.catalog.summariesOf(hits.map((hit) => hit.imageId)).map((image) => ({
      ...image,
      score: scores.get(image.id)!,
    }))
  }
}
