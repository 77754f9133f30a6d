import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import { EmbeddingEngine, preprocessBatch, type BackendName } from '../src/main/engines/ml'
import type { IndexResult } from '../src/shared/api/schemas'
import { BENCH_MODELS, benchModel, installBenchModels, type BenchModel } from './models'
import { result, type BenchResult } from './stats'
import type { ImageSet } from './synthetic-images'

const BACKENDS: readonly BackendName[] = ['wasm', 'onnxruntime']
const BATCH_SIZES = [1, 8] as const
/** Images decoded once for "inference alone"; each round embeds all of them at each batch size. */
const ALONE_IMAGES = 16

export interface BackendsOptions {
  rounds: { alone: number; endToEnd: number }
  /** Ids of the models (of BENCH_MODELS) to index with end to end; inference alone covers every one. */
  endToEnd: readonly string[]
}

/**
 * TensorFlow.js wasm against onnxruntime-node (layers models converted to ONNX) on each backbone Loupe knows, in one
 * run: inference alone (pre-decoded images straight into the worker) at batch 1 and 8, in ms per image, for every
 * model; then the whole index job (read, decode, resize, infer, save) over all of `images` with each backend
 * (LOUPE_BACKEND), in images per second, for the models in `options.endToEnd`. Rounds alternate between the backends.
 * Rows of the two backends sit next to each other; the notes say how many times faster onnxruntime is, per model.
 */
export async function benchBackends(images: ImageSet, options: BackendsOptions, log: (line: string) => void): Promise<{ results: BenchResult[]; notes: string[] }> {
  const endToEndModels = options.endToEnd.map(benchModel)
  const alone = new Map<string, BenchResult>()
  const endToEnd = new Map<string, BenchResult>()
  const root = await mkdtemp(join(tmpdir(), 'loupe-bench-backends-'))
  try {
    const modelsDir = join(root, 'models')
    const installed = await installBenchModels(modelsDir, BENCH_MODELS)
    const all = (await readdir(images.dir)).filter((name) => /\.jpe?g$/i.test(name)).sort().map((name) => join(images.dir, name))
    const paths = all.slice(0, ALONE_IMAGES)

    for (const bench of BENCH_MODELS) {
      const model = installed.get(bench.id)!
      const decoded = await preprocessBatch(paths, model.manifest)
      const size = decoded.length / paths.length
      // One model at a time, so no more than two workers hold a model; within it, rounds alternate between the
      // backends, so a change in the machine's load touches both alike.
      const engines = new Map<BackendName, EmbeddingEngine>()
      const samples = new Map<string, number[]>()
      try {
        for (const backend of BACKENDS) {
          const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: [backend] })
          engines.set(backend, engine)
          // Untimed, once at each batch size: the first call with a new input shape also plans and allocates for it.
          for (const batchSize of BATCH_SIZES) await engine.embed(decoded.slice(0, batchSize * size), batchSize)
        }
        for (let round = 0; round < options.rounds.alone; round++) {
          for (const batchSize of BATCH_SIZES) {
            for (const [backend, engine] of engines) {
              const started = performance.now()
              for (let start = 0; start < paths.length; start += batchSize) {
                await engine.embed(decoded.slice(start * size, (start + batchSize) * size), batchSize)
              }
              const key = `${backend}:${batchSize}`
              samples.set(key, [...(samples.get(key) ?? []), (performance.now() - started) / paths.length])
            }
          }
        }
        for (const [backend, engine] of engines) {
          for (const batchSize of BATCH_SIZES) {
            const ms = samples.get(`${backend}:${batchSize}`)!
            log(`  ${bench.label} on ${engine.backend.label}, batch ${batchSize}: ${ms.map((value) => value.toFixed(1)).join(', ')} ms/image`)
            alone.set(
              `${bench.id}:${backend}:${batchSize}`,
              result(
                {
                  id: `backends.${bench.id}.${backend}.alone.b${batchSize}`,
                  name: `${bench.label}, inference alone, batch ${batchSize}: ${engine.backend.label}`,
                  unit: 'ms/image',
                  details: { model: bench.id, backend: engine.backend.label, images: paths.length },
                },
                ms,
              ),
            )
          }
        }
      } finally {
        for (const engine of engines.values()) await engine.close()
      }
    }

    const saved = process.env.LOUPE_BACKEND
    const loupes = new Map<BackendName, Loupe>()
    try {
      for (const backend of BACKENDS) {
        const loupe = await openLoupe({ workspaceDir: join(root, `workspace-${backend}`), modelsDir })
        loupes.set(backend, loupe)
        await loupe.jobs.settled((await loupe.client.api.imports.start({ paths: [images.dir] })).id)
      }
      for (const bench of endToEndModels) {
        for (const [backend, loupe] of loupes) {
          await loupe.client.api.models.activate({ id: bench.id })
          // The embedder reads LOUPE_BACKEND when it starts its engine (started here, and kept while the model is in use).
          process.env.LOUPE_BACKEND = backend
          await loupe.embedder.start()
        }
        const rates = new Map<BackendName, number[]>()
        const labels = new Map<BackendName, string>()
        for (let round = 0; round < options.rounds.endToEnd; round++) {
          for (const [backend, loupe] of loupes) {
            loupe.workspace.db.prepare('DELETE FROM embeddings').run()
            const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
            const indexed = job.result as IndexResult
            if (job.state !== 'completed' || indexed.embedded !== all.length || indexed.model !== bench.id) {
              throw new Error(`index job ${job.state}: ${job.error ?? JSON.stringify(indexed)}`)
            }
            rates.set(backend, [...(rates.get(backend) ?? []), indexed.imagesPerSecond])
            labels.set(backend, indexed.backend)
          }
        }
        for (const backend of BACKENDS) {
          const label = labels.get(backend)!
          const values = rates.get(backend)!
          log(`  ${bench.label}: index ${all.length} images on ${label}: ${values.map((r) => r.toFixed(1)).join(', ')} images/s`)
          endToEnd.set(
            `${bench.id}:${backend}`,
            result(
              {
                id: `backends.${bench.id}.${backend}.end-to-end`,
                name: `${bench.label}, index ${all.length} JPEGs ${images.width}×${images.height} end to end: ${label}`,
                unit: 'images/s',
                higherIsBetter: true,
                details: { model: bench.id, backend: label },
              },
              values,
            ),
          )
        }
      }
    } finally {
      for (const loupe of loupes.values()) await loupe.close()
      if (saved === undefined) delete process.env.LOUPE_BACKEND
      else process.env.LOUPE_BACKEND = saved
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }

  // Model by model, and side by side within it: each measurement for every backend, then the next measurement.
  const results: BenchResult[] = []
  const notes: string[] = []
  for (const bench of BENCH_MODELS) {
    for (const batchSize of BATCH_SIZES) for (const backend of BACKENDS) results.push(alone.get(`${bench.id}:${backend}:${batchSize}`)!)
    if (endToEnd.has(`${bench.id}:wasm`)) for (const backend of BACKENDS) results.push(endToEnd.get(`${bench.id}:${backend}`)!)
    notes.push(speedups(bench, alone, endToEnd))
  }
  return { results, notes }
}

/** "onnxruntime is N× wasm" for one model: ratios of the medians, so above 1 means onnxruntime is faster. */
function speedups(bench: BenchModel, alone: ReadonlyMap<string, BenchResult>, endToEnd: ReadonlyMap<string, BenchResult>): string {
  const times = BATCH_SIZES.map((batchSize, index) => {
    const ratio = alone.get(`${bench.id}:wasm:${batchSize}`)!.median / alone.get(`${bench.id}:onnxruntime:${batchSize}`)!.median
    return index === 0 ? `${ratio.toFixed(1)}× wasm (inference alone, batch ${batchSize})` : `${ratio.toFixed(1)}× (batch ${batchSize})`
  })
  const wasm = endToEnd.get(`${bench.id}:wasm`)
  const ort = endToEnd.get(`${bench.id}:onnxruntime`)
  const whole = wasm && ort ? `; end to end ${(ort.median / wasm.median).toFixed(1)}×` : ''
  return `${bench.label}: onnxruntime is ${times.join(', ')}${whole} (medians)`
}
