import { execFileSync } from 'node:child_process'
import { rmSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { exactSearch, Index, MetricKind, ScalarKind } from 'usearch'
import { AnnIndex, buildAnnIndex, DEFAULT_ANN_PARAMS, type AnnParams } from '../src/main/features/search/ann-index'
import type { EmbeddingMatrix, EmbeddingSignature } from '../src/main/features/search/embedding-store'
import { nearest } from '../src/main/features/search/vector-search'
import { benchFirstSearch } from './first-search'
import { count } from './workspace-scale'
import { formatDuration } from './report'
import { LOOP_SAMPLING_MS, loopDelay, result, round, type BenchResult } from './stats'
import { EmbeddingGenerator } from './search-vectors'

export interface SearchBenchSizes {
  /** Catalogue sizes searched both exactly and through the approximate index (f16). */
  annScales: number[]
  /** Up to this size, an f32 index is built and measured too (at 100k it takes twice as long as f16). */
  f32UpTo: number
  /** At the largest of `annScales`, recall and latency of the f16 index at these search efforts. */
  efSweep: number[]
  /** Larger sizes searched exactly only. */
  exactScales: number[]
  /** Queries per measurement (new vectors from the same distribution, not in the catalogue). */
  queries: number
  /** Queries at the exact-only sizes, where each one reads the whole matrix. */
  exactScaleQueries: number
  /** How long the idle event-loop baseline is sampled. */
  idleMs: number
  /** The first search after opening a catalogue of this many embedded images (bench/first-search.ts). */
  firstSearch: { images: number; runs: number }
}

const K = 10
const DIMENSIONS = 1280
/** Images whose neighbours are looked up to time duplicate finding (figures per 1,000 images). */
const DUPLICATE_ROWS = 1000
/** Fewer exactly: each one is compared with the whole catalogue. */
const DUPLICATE_ROWS_EXACT = 100

/**
 * Visual search at catalogue scale, on synthetic 1280-d embeddings shaped like a model's (bench/search-vectors.ts):
 * exact top-10 against the approximate (HNSW) index stored as f16 and as f32 — latency, recall@10 against exact,
 * build time, index size and memory — and the main thread's event-loop delay while an index is built on its worker.
 * The largest sizes are searched exactly only (see `notes` for why and for what the index would cost there).
 */
export async function benchSearch(
  sizes: SearchBenchSizes,
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; notes: string[]; setup: Record<string, unknown> }> {
  const results: BenchResult[] = []
  const notes: string[] = []
  const setup: Record<string, unknown> = { params: DEFAULT_ANN_PARAMS, dimensions: DIMENSIONS, k: K }
  const dir = await mkdtemp(join(tmpdir(), 'loupe-bench-search-'))
  let largest: { matrix: EmbeddingMatrix; queries: Float32Array; f16BuildMs: number; f16Bytes: number } | null = null
  try {
    for (const [position, n] of sizes.annScales.entries()) {
      const size = count(n)
      log(`search: generating ${n} synthetic ${DIMENSIONS}-d embeddings`)
      const generator = new EmbeddingGenerator(0x5ea + n)
      const started = performance.now()
      const matrix = syntheticMatrix(generator, n)
      const queries = generator.matrix(sizes.queries, { duplicates: false }).vectors
      setup[`generated${size}Ms`] = round(performance.now() - started, 0)

      log(`  exact search, ${sizes.queries} queries`)
      const exact = timeQueries(queries, (query) => nearest(matrix, query, K))
      results.push(
        result({ id: `search.exact.${size}`, name: `exact search top-${K} (${size})`, unit: 'ms' }, exact.samples),
      )
      const truth = exact.answers.map((hits) => new Set(hits.map((hit) => hit.imageId)))

      if (position === 0) {
        const idle = await loopDelay(() => new Promise((resolve) => setTimeout(resolve, sizes.idleMs)))
        results.push(
          ...(['p50', 'p99', 'max'] as const).map((stat) =>
            result({ id: `search.idleLoopDelay.${stat}`, name: `main event-loop delay ${stat}, idle ${sizes.idleMs / 1000} s (baseline)`, unit: 'ms' }, [
              idle[stat],
            ]),
          ),
          ...(await mainThreadBuild(matrix, size, log)),
        )
      }

      const kinds = n <= sizes.f32UpTo ? (['f16', 'f32'] as const) : (['f16'] as const)
      for (const quantization of kinds) {
        const params: AnnParams = { ...DEFAULT_ANN_PARAMS, quantization }
        const file = join(dir, `${size}-${quantization}.usearch`)
        const signature = signatureOf(matrix)
        log(`  building the ${quantization} index on its worker`)
        let buildMs = 0
        const delay = await loopDelay(async () => {
          const buildStarted = performance.now()
          await buildAnnIndex({ file, matrix, signature, params }).done
          buildMs = performance.now() - buildStarted
        })
        const label = `${quantization}, ${size}`
        results.push(
          result({ id: `search.ann.${quantization}.${size}.build`, name: `ANN build (${label})`, unit: 's' }, [
            buildMs / 1000,
          ]),
          ...(['p50', 'p99', 'max'] as const).map((stat) =>
            result(
              {
                id: `search.ann.${quantization}.${size}.buildLoopDelay.${stat}`,
                name: `  main event-loop delay ${stat} during it`,
                unit: 'ms',
                details: { samplingMs: LOOP_SAMPLING_MS, buildMs: round(buildMs, 0) },
              },
              [delay[stat]],
            ),
          ),
        )

        const bytes = statSync(file).size
        const openMs: number[] = []
        let index: AnnIndex | null = null
        for (let i = 0; i < 5; i++) {
          const openStarted = performance.now()
          index = AnnIndex.open(file, signature, params)
          openMs.push(performance.now() - openStarted)
        }
        if (!index) throw new Error(`The ${quantization} index just built at ${file} does not open.`)
        const opened = index
        results.push(
          result({ id: `search.ann.${quantization}.${size}.open`, name: `open saved index, mapped (${label})`, unit: 'ms' }, openMs),
        )

        log(`  ${quantization} index search, ${sizes.queries} queries`)
        // Warmed with a whole unrecorded pass: the first searches after opening fault the mapped file's pages in.
        const approximate = timeQueries(queries, (query) => opened.search(query, K), Infinity)
        const recall = recallOf(approximate.answers, truth)
        results.push(
          result(
            { id: `search.ann.${quantization}.${size}.search`, name: `ANN search top-${K} (${label}, effort ${params.expansionSearch})`, unit: 'ms' },
            approximate.samples,
          ),
          result(
            { id: `search.ann.${quantization}.${size}.recall`, name: `ANN recall@${K} vs exact (${label})`, unit: 'recall', higherIsBetter: true, details: { queries: sizes.queries } },
            [recall],
          ),
        )
        if (quantization === 'f16' && position === sizes.annScales.length - 1) {
          for (const expansionSearch of sizes.efSweep) {
            if (expansionSearch === params.expansionSearch) continue
            const swept = AnnIndex.open(file, signature, { ...params, expansionSearch })!
            const run = timeQueries(queries, (query) => swept.search(query, K), Infinity)
            results.push(
              result({ id: `search.ann.f16.${size}.ef${expansionSearch}.search`, name: `  with search effort ${expansionSearch}`, unit: 'ms' }, run.samples),
              result(
                { id: `search.ann.f16.${size}.ef${expansionSearch}.recall`, name: `  recall@${K} with search effort ${expansionSearch}`, unit: 'recall', higherIsBetter: true },
                [recallOf(run.answers, truth)],
              ),
            )
          }
        }
        results.push(
          result({ id: `search.ann.${quantization}.${size}.fileMB`, name: `index file (${label})`, unit: 'MB' }, [bytes / 1e6]),
          result(
            { id: `search.ann.${quantization}.${size}.loadedMB`, name: `index in memory, loaded (${label})`, unit: 'MB', details: { rawMatrixMB: round(matrix.vectors.byteLength / 1e6, 0) } },
            [loadedMegabytes(file, params)],
          ),
        )
        if (quantization === 'f16' && position === sizes.annScales.length - 1) {
          results.push(...filteredSearch(matrix, opened, queries, size))
        }
        if (quantization === 'f16') {
          results.push(...duplicateCandidates(matrix, opened, size))
          largest = { matrix, queries, f16BuildMs: buildMs, f16Bytes: bytes }
        }
        rmSync(file, { force: true })
        rmSync(`${file}.json`, { force: true })
      }
      setup[`rssAfter${size}MB`] = round(process.memoryUsage().rss / 1e6, 0)
    }

    for (const n of sizes.exactScales) {
      if (!largest) break
      const size = count(n)
      log(`search: exact search over ${n} vectors (${round((n * DIMENSIONS * 4) / 1e9, 1)} GB as f32)`)
      const matrix = tiled(largest.matrix, n)
      const queries = largest.queries.slice(0, sizes.exactScaleQueries * DIMENSIONS)
      const exact = timeQueries(queries, (query) => nearest(matrix, query, K), 1)
      results.push(
        result({ id: `search.exact.${size}`, name: `exact search top-${K} (${size})`, unit: 'ms' }, exact.samples),
        result(
          { id: `search.exact.${size}.matrixMB`, name: `  its matrix in memory (${size}, f32)`, unit: 'MB', details: { processRssMB: round(process.memoryUsage().rss / 1e6, 0) } },
          [matrix.vectors.byteLength / 1e6],
        ),
      )
      const base = largest.matrix.ids.length
      const factor = (n / base) * (Math.log(n) / Math.log(base))
      notes.push(
        `${size}: exact search only. Its rows are the ${count(base)} set repeated (exact search time does not depend on ` +
          `the data). The f16 index was not built here: at the ${count(base)} rate, n·log n puts it at about ` +
          `${formatDuration(largest.f16BuildMs * factor)} of both cores (~${Math.round((largest.f16Bytes * n) / base / 1e6)} MB ` +
          `file), too long for this suite; HNSW search time grows with log n, so expect roughly ` +
          `${round(Math.log(n) / Math.log(base), 2)}× the ${count(base)} figure.`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  results.push(...(await benchFirstSearch(sizes.firstSearch.images, sizes.firstSearch.runs, log)))
  return { results, notes, setup }
}

function recallOf(answers: { imageId: number }[][], truth: Set<number>[]): number {
  const found = answers.reduce((sum, hits, q) => sum + hits.filter((hit) => truth[q]!.has(hit.imageId)).length, 0)
  return found / (K * answers.length)
}

function syntheticMatrix(generator: EmbeddingGenerator, n: number): EmbeddingMatrix {
  const { vectors } = generator.matrix(n)
  return { ids: Int32Array.from({ length: n }, (_, row) => row + 1), vectors, dimensions: DIMENSIONS }
}

function signatureOf(matrix: EmbeddingMatrix): EmbeddingSignature {
  let idSum = 0
  for (const id of matrix.ids) idSum += id
  return { modelId: 'bench', count: matrix.ids.length, idSum, newest: null }
}

/** `n` rows made by repeating `matrix`. */
function tiled(matrix: EmbeddingMatrix, n: number): EmbeddingMatrix {
  const vectors = new Float32Array(n * DIMENSIONS)
  const rows = matrix.ids.length
  for (let row = 0; row < n; row += rows) {
    const take = Math.min(rows, n - row)
    vectors.set(take === rows ? matrix.vectors : matrix.vectors.subarray(0, take * DIMENSIONS), row * DIMENSIONS)
  }
  return { ids: Int32Array.from({ length: n }, (_, row) => row + 1), vectors, dimensions: DIMENSIONS }
}

/** Each query timed on its own, after `warmup` unrecorded ones. */
function timeQueries<T>(
  queries: Float32Array,
  search: (query: Float32Array) => T,
  warmup = 3,
): { samples: number[]; answers: T[] } {
  const rows = queries.length / DIMENSIONS
  const query = (row: number) => queries.slice(row * DIMENSIONS, (row + 1) * DIMENSIONS)
  for (let i = 0; i < Math.min(warmup, rows); i++) search(query(i))
  const samples: number[] = []
  const answers: T[] = []
  for (let row = 0; row < rows; row++) {
    const vector = query(row)
    const started = performance.now()
    answers.push(search(vector))
    samples.push(performance.now() - started)
  }
  return { samples, answers }
}

/**
 * Filtered top-10 as SearchService does it: over-fetching from the index and keeping the allowed images, or, for a
 * filter too selective for that, exact search over the allowed images' vectors (copied out of the matrix).
 */
function filteredSearch(matrix: EmbeddingMatrix, index: AnnIndex, queries: Float32Array, size: string): BenchResult[] {
  const results: BenchResult[] = []
  for (const share of [0.25, 0.05, 0.01]) {
    const every = Math.round(1 / share)
    const allowed = new Set<number>()
    for (const id of matrix.ids) if (id % every === 0) allowed.add(id)
    let exactly = 0
    let searches = 0
    const run = timeQueries(queries, (query) => {
      searches++
      const hits = index.searchFiltered(query, K, allowed)
      if (hits) return hits
      exactly++
      return nearest(matrix, query, K, allowed)
    })
    if (run.answers.some((hits) => hits.length !== K)) throw new Error(`A filtered search returned fewer than ${K}.`)
    const how = exactly === 0 ? 'over-fetching' : exactly === searches ? 'exact over them' : 'mixed'
    results.push(
      result(
        { id: `search.filtered.${share}.${size}`, name: `filtered top-${K}, ${share * 100}% allowed: ${how} (${size})`, unit: 'ms', details: { exactFallbacks: exactly, searches } },
        run.samples,
      ),
    )
  }
  return results
}

/**
 * Resident memory an index takes when read into memory (rather than mapped): the growth of RSS in a fresh Node
 * process loading it, where no garbage collection of other work blurs the figure.
 */
function loadedMegabytes(file: string, params: AnnParams): number {
  const script = `
    const { Index } = require(process.argv[1])
    const before = process.memoryUsage().rss
    const index = new Index(JSON.parse(process.argv[2]))
    index.load(process.argv[3])
    process.stdout.write(String((process.memoryUsage().rss - before) / 1e6))
  `
  const config = {
    dimensions: DIMENSIONS,
    metric: MetricKind.IP,
    quantization: params.quantization === 'f16' ? ScalarKind.F16 : ScalarKind.F32,
    connectivity: params.connectivity,
    expansion_add: params.expansionAdd,
    expansion_search: params.expansionSearch,
    multi: false,
  }
  const usearch = createRequire(import.meta.url).resolve('usearch')
  const output = execFileSync(process.execPath, ['-e', script, usearch, JSON.stringify(config), file], { encoding: 'utf8' })
  return Number(output)
}

/**
 * Neighbour lookups for near-duplicate finding, per 1,000 images: through the index (one batched search on every
 * core, as SearchService.duplicates does slice by slice) and exactly (each image against all).
 */
function duplicateCandidates(matrix: EmbeddingMatrix, index: AnnIndex, size: string): BenchResult[] {
  const rows = Math.min(DUPLICATE_ROWS, matrix.ids.length)
  const queries = matrix.vectors.slice(0, rows * DIMENSIONS)
  const exactRows = Math.min(DUPLICATE_ROWS_EXACT, rows)
  const exactQueries = matrix.vectors.slice(0, exactRows * DIMENSIONS)
  const approximate: number[] = []
  const exact: number[] = []
  for (let run = 0; run < 3; run++) {
    let started = performance.now()
    index.searchMany(queries, K)
    approximate.push(((performance.now() - started) * 1000) / rows)
    started = performance.now()
    exactSearch(matrix.vectors, exactQueries, DIMENSIONS, K, MetricKind.IP)
    exact.push(((performance.now() - started) * 1000) / exactRows)
  }
  const whole = (perThousand: number[]) => round((Math.min(...perThousand) * matrix.ids.length) / 1000 / 1000, 1)
  return [
    result(
      { id: `search.duplicates.ann.${size}`, name: `duplicates: neighbours of 1k images via f16 index (${size})`, unit: 'ms', details: { wholeCatalogueSeconds: whole(approximate) } },
      approximate,
    ),
    result(
      { id: `search.duplicates.exact.${size}`, name: `duplicates: neighbours of 1k images, exact (${size})`, unit: 'ms', details: { wholeCatalogueSeconds: whole(exact), timedRows: exactRows } },
      exact,
    ),
  ]
}

/**
 * For comparison, once: the same build with usearch's `add` called on the main thread (in one call, as the index is
 * meant to be built), which holds the event loop for the whole build.
 */
async function mainThreadBuild(matrix: EmbeddingMatrix, size: string, log: (line: string) => void): Promise<BenchResult[]> {
  log('  building an f16 index on the main thread, for comparison')
  let buildMs = 0
  const delay = await loopDelay(async () => {
    // Let the timer start first.
    await new Promise((resolve) => setTimeout(resolve, 50))
    buildMs = buildOnThisThread(matrix)
    await new Promise((resolve) => setTimeout(resolve, 50))
  })
  return [
    result({ id: `search.ann.f16.${size}.mainThreadBuild`, name: `ANN build on the main thread instead (f16, ${size})`, unit: 's' }, [
      buildMs / 1000,
    ]),
    result(
      { id: `search.ann.f16.${size}.mainThreadBuildLoopDelay.max`, name: '  main event-loop delay max during it', unit: 'ms' },
      [delay.max],
    ),
  ]
}

function buildOnThisThread(matrix: EmbeddingMatrix): number {
  const index = new Index({
    dimensions: DIMENSIONS,
    metric: MetricKind.IP,
    quantization: ScalarKind.F16,
    connectivity: DEFAULT_ANN_PARAMS.connectivity,
    expansion_add: DEFAULT_ANN_PARAMS.expansionAdd,
    expansion_search: DEFAULT_ANN_PARAMS.expansionSearch,
    multi: false,
  })
  const keys = BigUint64Array.from(matrix.ids, (id) => BigInt(id))
  const started = performance.now()
  index.add(keys, matrix.vectors.slice(), 0)
  return performance.now() - started
}
