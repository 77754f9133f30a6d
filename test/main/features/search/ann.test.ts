import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddingGenerator } from '../../../../bench/search-vectors'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import { AnnIndex, DEFAULT_ANN_PARAMS } from '../../../../src/main/features/search/ann-index'
import { EmbeddingStore, readSignature } from '../../../../src/main/features/search/embedding-store'
import { MatrixCache } from '../../../../src/main/features/search/matrix-cache'
import { SearchService, type SearchOptions } from '../../../../src/main/features/search/search-service'
import { nearest } from '../../../../src/main/features/search/vector-search'
import { tempDir } from '../../../support/paths'

/**
 * The approximate index on made-up embeddings (bench/search-vectors.ts: clustered, like a model's, with planted
 * near-copies): 5,000 indexed images, a threshold of 1,000 so the index is used, and 200 more images embedded later
 * to make it stale. Real images through the real model are covered by search.test.ts.
 */
const IMAGES = 5_000
const LATER = 200
const DIMENSIONS = 1280
const THRESHOLD = 1_000

let loupe: Loupe
let store: EmbeddingStore
let modelId: string
let options: SearchOptions
let vectors: Float32Array
let duplicates: [number, number][]
let generator: EmbeddingGenerator
const services: SearchService[] = []

const rowOf = (id: number) => vectors.subarray((id - 1) * DIMENSIONS, id * DIMENSIONS)
const ids = (hits: { id: number }[]) => hits.map((hit) => hit.id)

function service(overrides: Partial<NonNullable<SearchOptions['ann']>> = {}): SearchService {
  const created = new SearchService(loupe.catalog, store, loupe.embedder, { ann: { ...options.ann!, ...overrides } })
  services.push(created)
  return created
}

function embed(fromId: number, toId: number): void {
  const rows = []
  for (let id = fromId; id <= toId; id++) rows.push({ image: { id, path: '', frame: 0, contentHash: `hash-${id}` }, vector: rowOf(id) })
  store.save(modelId, rows)
}

beforeAll(async () => {
  loupe = await openLoupe({ workspaceDir: await tempDir('loupe-ann-') })
  store = new EmbeddingStore(loupe.workspace.db)
  modelId = loupe.embedder.modelId
  generator = new EmbeddingGenerator(7)
  ;({ vectors, duplicates } = generator.matrix(IMAGES + LATER))
  // Image rows straight into the table (ids 1…n), with labels and statuses for the filters.
  const db = loupe.workspace.db
  const insert = db.prepare(
    `INSERT INTO images (id, path, file_name, content_hash, bytes, width, height, format, added_at)
     VALUES (?, ?, ?, ?, 1000, 640, 480, 'jpeg', '2024-01-01T00:00:00.000Z')`,
  )
  db.transaction(() => {
    for (let id = 1; id <= IMAGES + LATER; id++) insert.run(id, `/photos/${id}.jpg`, `${id}.jpg`, `hash-${id}`)
  })()
  const range = (every: number) => Array.from({ length: Math.floor((IMAGES + LATER) / every) }, (_, i) => (i + 1) * every)
  loupe.catalog.labelImages(range(4), 'quarter')
  loupe.catalog.labelImages(range(40), 'fortieth')
  loupe.catalog.labelImages(range(200), 'rare')
  embed(1, IMAGES)
  // Builds at normal priority: on a machine busy with other tests, the default low priority would mostly wait.
  options = { ann: { dir: join(loupe.workspace.dir, 'cache', 'vectors'), threshold: THRESHOLD, buildNice: 0 } }
}, 120_000)

afterAll(async () => {
  for (const created of services) await created.close()
  await loupe?.close()
})

describe('approximate search index', () => {
  let first: SearchService
  let file: string

  it('is built in the background once a model has enough embeddings, and searches exactly meanwhile', async () => {
    first = service()
    const query = { imageId: 17 }
    const exact = await first.similar(query, 10, {})
    expect(first.annState().state).toBe('building')
    expect(exact[0]).toMatchObject({ id: 17 })

    const state = await first.prepareIndex()
    expect(state).toMatchObject({ state: 'ready', size: IMAGES, error: null })
    file = state.file!
    expect(file).toBe(join(loupe.workspace.dir, 'cache', 'vectors', `${modelId}.usearch`))
    const sidecar = JSON.parse(readFileSync(`${file}.json`, 'utf8'))
    expect(sidecar).toMatchObject({ signature: { modelId, count: IMAGES }, params: DEFAULT_ANN_PARAMS, dimensions: DIMENSIONS })
    expect(sidecar.bytes).toBe(statSync(file).size)
    expect(ids(await first.similar(query, 10, {}))[0]).toBe(17)
  })

  it('finds at least 95% of the exact 10 nearest for new vectors', async () => {
    const index = AnnIndex.open(file, readSignature(loupe.workspace.db, modelId), DEFAULT_ANN_PARAMS)!
    expect(index).not.toBeNull()
    const { matrix } = await new MatrixCache(store).current(modelId)
    const queries = new Float32Array(DIMENSIONS)
    let found = 0
    const count = 100
    for (let q = 0; q < count; q++) {
      generator.next(queries)
      const truth = new Map(nearest(matrix, queries, 10).map((hit) => [hit.imageId, hit.score]))
      const approximate = index.search(queries, 10)
      expect(approximate).toHaveLength(10)
      for (const hit of approximate) {
        const score = truth.get(hit.imageId)
        if (score === undefined) continue
        found++
        // Vectors stored as f16: scores within about 1e-3 of the exact cosine.
        expect(Math.abs(hit.score - score)).toBeLessThan(0.005)
      }
    }
    expect(found / (count * 10)).toBeGreaterThanOrEqual(0.95)
  })

  it('is opened from disk by the next session and answers the same', async () => {
    const builtAt = JSON.parse(readFileSync(`${file}.json`, 'utf8')).builtAt
    const second = service()
    const state = await second.prepareIndex()
    expect(state).toMatchObject({ state: 'ready', size: IMAGES })
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8')).builtAt).toBe(builtAt)
    for (const imageId of [3, 999, 4321, 4999]) {
      expect(await second.similar({ imageId }, 20, {})).toEqual(await first.similar({ imageId }, 20, {}))
    }
  })

  it('keeps returning k results under filters, over-fetching or falling back to exact search', async () => {
    const exact = service({ threshold: Number.MAX_SAFE_INTEGER })
    for (const label of ['quarter', 'fortieth', 'rare']) {
      for (const imageId of [5, 2024, 4001]) {
        const hits = await first.similar({ imageId }, 20, { label })
        expect(hits, label).toHaveLength(20)
        expect(hits.every((hit) => hit.labels.includes(label))).toBe(true)
        const truth = new Set(ids(await exact.similar({ imageId }, 20, { label })))
        expect(hits.filter((hit) => truth.has(hit.id)).length, label).toBeGreaterThanOrEqual(17)
      }
    }
    expect(exact.annState().state).toBe('exact')
    // Unlabelled images (three quarters), and a k larger than the filter's images.
    expect(await first.similar({ imageId: 9 }, 50, { label: null })).toHaveLength(50)
    expect(await first.similar({ imageId: 9 }, 100, { label: 'rare' })).toHaveLength(Math.floor(IMAGES / 200))
  })

  it('finds the planted near-copies as duplicate candidates', async () => {
    expect(first.annState().state).toBe('ready')
    const candidates = await first.duplicateCandidates(0.98)
    const pairs = new Set(candidates.flatMap((pair) => [pair.a, pair.b]))
    const planted = duplicates.filter(([, copy]) => copy < IMAGES)
    expect(planted.length).toBeGreaterThan(10)
    for (const [original, copy] of planted) {
      expect(pairs.has(original + 1) && pairs.has(copy + 1), `${original + 1} ~ ${copy + 1}`).toBe(true)
    }
  })

  it('is rebuilt when more images are embedded, or one is embedded again', async () => {
    embed(IMAGES + 1, IMAGES + LATER)
    first.invalidate()
    const newcomer = IMAGES + 42
    // Stale: answered exactly (the newcomer finds itself) while the new index is built.
    expect(ids(await first.similar({ imageId: newcomer }, 5, {}))[0]).toBe(newcomer)
    expect(first.annState().state).toBe('building')
    expect(await first.prepareIndex()).toMatchObject({ state: 'ready', size: IMAGES + LATER })
    expect(ids(await first.similar({ imageId: newcomer }, 5, {}))[0]).toBe(newcomer)

    // Same count and ids, but one vector replaced (the file changed): stale too, for a new session as well.
    store.save(modelId, [{ image: { id: 1, path: '', frame: 0, contentHash: 'edited' }, vector: rowOf(2).slice() }])
    const third = service()
    expect(await third.similar({ imageId: 1 }, 3, {})).toHaveLength(3)
    expect(third.annState().state).toBe('building')
    const state = await third.prepareIndex()
    expect(state).toMatchObject({ state: 'ready', size: IMAGES + LATER })
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8')).signature).toEqual(readSignature(loupe.workspace.db, modelId))
  })

  it('is not built below the threshold', async () => {
    const small = service({ threshold: IMAGES * 10, dir: join(await tempDir('loupe-ann-small-'), 'vectors') })
    expect(await small.prepareIndex()).toMatchObject({ state: 'exact', size: 0 })
    expect(await small.similar({ imageId: 5 }, 5, {})).toHaveLength(5)
  })
})
