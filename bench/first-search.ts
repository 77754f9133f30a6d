import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLoupe } from '../src/main/app/loupe'
import { EmbeddingStore } from '../src/main/features/search/embedding-store'
import { formatDuration } from './report'
import { loopDelay, result, seededRandom, type BenchResult } from './stats'
import { buildSyntheticCatalog } from './synthetic-catalog'
import { count } from './workspace-scale'

const DIMENSIONS = 1280
const ROWS_PER_TRANSACTION = 2000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The first visual search after opening a large catalogue that has no approximate index file yet (as after indexing
 * it for the first time): the embeddings are read from SQLite into memory before anything can be searched. Measured
 * are that search's latency and, above all, how long the main thread's event loop stalls meanwhile, since the UI and
 * every other API call wait on it. Each run opens the workspace afresh; the catalogue's file stays in the page cache.
 */
export async function benchFirstSearch(images: number, runs: number, log: (line: string) => void): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'loupe-bench-first-search-'))
  try {
    log(`first search: a catalogue of ${images} images with ${DIMENSIONS}-d embeddings`)
    const started = performance.now()
    await buildSyntheticCatalog(dir, images)
    await storeRandomEmbeddings(dir, images)
    log(`  built in ${formatDuration(performance.now() - started)}`)

    const latencies: number[] = []
    const maxDelays: number[] = []
    const p99Delays: number[] = []
    const second: number[] = []
    for (let run = 0; run < runs; run++) {
      await rm(join(dir, 'cache', 'vectors'), { recursive: true, force: true })
      const loupe = await openLoupe({ workspaceDir: dir })
      try {
        const query = { query: { imageId: 1 + ((run * 7919) % images) }, k: 10 }
        let latency = 0
        const delay = await loopDelay(async () => {
          // A turn of the loop before and after, so its sampling timer is running when the search starts, and fires
          // (recording how late it is) even if the search never gives the loop back until it answers.
          await sleep(50)
          const searchStarted = performance.now()
          const hits = await loupe.client.api.search.similar(query)
          latency = performance.now() - searchStarted
          await sleep(50)
          if (hits.length !== 10) throw new Error(`first search found ${hits.length} images, not 10`)
        })
        const againStarted = performance.now()
        await loupe.client.api.search.similar(query)
        second.push(performance.now() - againStarted)
        latencies.push(latency)
        maxDelays.push(delay.max)
        p99Delays.push(delay.p99)
        log(`  run ${run + 1}: first search ${latency.toFixed(0)} ms, event loop held up to ${delay.max.toFixed(0)} ms`)
      } finally {
        await loupe.close()
      }
    }
    const size = count(images)
    return [
      result({ id: `search.first.${size}`, name: `first search after opening (${size}, no index file)`, unit: 'ms' }, latencies),
      result({ id: `search.first.${size}.loopDelay.max`, name: '  main event-loop delay max during it', unit: 'ms' }, maxDelays),
      result({ id: `search.first.${size}.loopDelay.p99`, name: '  main event-loop delay p99 during it', unit: 'ms' }, p99Delays),
      result({ id: `search.first.${size}.second`, name: '  the search after it', unit: 'ms' }, second),
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Unit vectors (random directions: reading them costs the same whatever they hold) for every image, as indexing saves them. */
async function storeRandomEmbeddings(dir: string, images: number): Promise<void> {
  const loupe = await openLoupe({ workspaceDir: dir })
  try {
    const random = seededRandom(0xe3b)
    const store = new EmbeddingStore(loupe.workspace.db)
    const ids = (loupe.workspace.db.prepare('SELECT id, content_hash AS contentHash FROM images ORDER BY id').all() as {
      id: number
      contentHash: string
    }[])
    for (let start = 0; start < ids.length; start += ROWS_PER_TRANSACTION) {
      const rows = ids.slice(start, start + ROWS_PER_TRANSACTION).map((image) => {
        const vector = new Float32Array(DIMENSIONS)
        let sum = 0
        for (let d = 0; d < DIMENSIONS; d++) {
          vector[d] = random() - 0.5
          sum += vector[d]! * vector[d]!
        }
        const scale = 1 / Math.sqrt(sum)
        for (let d = 0; d < DIMENSIONS; d++) vector[d] = vector[d]! * scale
        return { image: { id: image.id, path: '', contentHash: image.contentHash }, vector }
      })
      store.save(loupe.embedder.modelId, rows)
    }
    if (ids.length !== images) throw new Error(`expected ${images} images, found ${ids.length}`)
  } finally {
    await loupe.close()
  }
}
