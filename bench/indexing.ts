import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import { preprocessBatch } from '../src/main/engines/ml'
import type { IndexResult } from '../src/shared/api/schemas'
import { result, round, summarise, type BenchResult } from './stats'
import type { ImageSet } from './synthetic-images'

/** The default backbone, from the shared test data beside the checkout (the product itself never reads it). */
const MODEL_DIR = resolve(fileURLToPath(new URL('../../shared/models/mobilenet-v2-0.35-224', import.meta.url)))
const BATCH = 16

/** Each round times inference alone, then the whole job, so their ratio compares the two under the same machine load. */
const ROUNDS = 3

/**
 * Visual-search indexing: inference alone (pre-decoded batches straight into the worker) against the whole index job
 * (reading, decoding and resizing with sharp, inference, saving), and how long the main thread's event loop stalls
 * meanwhile: the UI and API must stay responsive while a catalogue is indexed. The job runs ROUNDS times on the same
 * catalogue, its embeddings deleted in between.
 */
export async function benchIndexing(images: ImageSet, log: (line: string) => void): Promise<BenchResult[]> {
  const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-index-'))
  const loupe = await openLoupe({ workspaceDir })
  try {
    await loupe.client.api.models.add({ path: MODEL_DIR })
    log(`  importing ${images.count} images to index`)
    const imported = await loupe.client.api.imports.start({ paths: [images.dir] })
    await loupe.jobs.settled(imported.id)

    const alone: number[] = []
    const endToEnd: number[] = []
    const ratios: number[] = []
    const delays: { p50: number; p99: number; max: number }[] = []
    let indexed: IndexResult | null = null
    for (let round = 1; round <= ROUNDS; round++) {
      const modelAlone = median(await inferenceAlone(loupe, log))
      loupe.workspace.db.prepare('DELETE FROM embeddings').run()
      const delay = monitorEventLoopDelay({ resolution: 10 })
      delay.enable()
      const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
      delay.disable()
      indexed = job.result as IndexResult
      if (job.state !== 'completed' || indexed.embedded !== images.count) {
        throw new Error(`index job ${job.state}: ${job.error ?? JSON.stringify(indexed)}`)
      }
      alone.push(modelAlone)
      endToEnd.push(indexed.imagesPerSecond)
      ratios.push(indexed.imagesPerSecond / modelAlone)
      delays.push({ p50: delay.percentile(50), p99: delay.percentile(99), max: delay.max })
      log(
        `  round ${round}: inference alone ${modelAlone.toFixed(1)} images/s, end to end ${indexed.imagesPerSecond.toFixed(1)} ` +
          `(${((100 * indexed.imagesPerSecond) / modelAlone).toFixed(0)}%) on ${indexed.backend}`,
      )
    }
    const ms = (ns: number) => round(ns / 1e6, 2)
    const backend = indexed!.backend
    return [
      result(
        { id: 'index.model-alone', name: `inference alone, batches of ${BATCH} (${backend})`, unit: 'images/s', higherIsBetter: true },
        alone,
      ),
      result(
        {
          id: 'index.end-to-end',
          name: `index ${images.count} JPEGs ${images.width}×${images.height} end to end`,
          unit: 'images/s',
          higherIsBetter: true,
          details: { backend, model: indexed!.model },
        },
        endToEnd,
      ),
      result(
        { id: 'index.end-to-end-share', name: '  end to end / inference alone, same round', unit: '%', higherIsBetter: true },
        ratios.map((ratio) => 100 * ratio),
      ),
      result(
        {
          id: 'index.event-loop-delay',
          name: 'main event loop delay while indexing (p50; p99, max in details)',
          unit: 'ms',
          details: { p99: ms(median(delays.map((d) => d.p99))), max: ms(Math.max(...delays.map((d) => d.max))) },
        },
        delays.map((d) => ms(d.p50)),
      ),
    ]
  } finally {
    await loupe.close()
    await rm(workspaceDir, { recursive: true, force: true })
  }
}

/** Inference throughput with decoding taken out: the same few batches, decoded once, embedded several times. */
async function inferenceAlone(loupe: Loupe, log: (line: string) => void): Promise<number[]> {
  const { engine, model } = await loupe.embedder.start()
  const paths = loupe.catalog
    .listImages({ filter: {}, sort: 'added', descending: false, offset: 0, limit: BATCH * 4 })
    .items.map((item) => loupe.catalog.getImage(item.id).path)
  const batches: Float32Array[] = []
  for (let i = 0; i < paths.length; i += BATCH) batches.push(await preprocessBatch(paths.slice(i, i + BATCH), model.manifest))
  await engine.embed(batches[0]!.slice(), BATCH)
  const rates: number[] = []
  for (let round = 0; round < 3; round++) {
    const started = performance.now()
    // embed() takes ownership of its batch, so each run gets copies.
    for (const batch of batches) await engine.embed(batch.slice(), BATCH)
    rates.push((batches.length * BATCH * 1000) / (performance.now() - started))
  }
  log(`  inference alone: ${rates.map((r) => r.toFixed(1)).join(', ')} images/s`)
  return rates
}


function median(values: number[]): number {
  return summarise(values).median
}
