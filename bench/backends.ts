import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openLoupe } from '../src/main/app/loupe'
import { EmbeddingEngine, ModelStore, preprocessBatch, type BackendName } from '../src/main/engines/ml'
import type { IndexResult } from '../src/shared/api/schemas'
import { result, type BenchResult } from './stats'
import type { ImageSet } from './synthetic-images'

/** The default backbone, from the shared test data beside the checkout (the product itself never reads it). */
const MODEL_DIR = resolve(fileURLToPath(new URL('../../shared/models/mobilenet-v2-0.35-224', import.meta.url)))
const BACKENDS: readonly BackendName[] = ['wasm', 'onnxruntime']
const BATCH_SIZES = [1, 8] as const
/** Images decoded once for "inference alone"; each round embeds all of them at each batch size. */
const ALONE_IMAGES = 16

/**
 * TensorFlow.js wasm against onnxruntime-node (the model converted to ONNX) on the default model, in one run:
 * inference alone (pre-decoded images straight into the worker) at batch 1 and 8, in ms per image, then the whole
 * index job (read, decode, resize, infer, save) over all of `images` with each backend (LOUPE_BACKEND), in images
 * per second. Rounds alternate between the backends. Rows of the two backends sit next to each other.
 */
export async function benchBackends(images: ImageSet, options: { rounds: { alone: number; endToEnd: number } }, log: (line: string) => void): Promise<BenchResult[]> {
  const alone = new Map<string, BenchResult>()
  const endToEnd = new Map<BackendName, BenchResult>()
  const root = await mkdtemp(join(tmpdir(), 'loupe-bench-backends-'))
  try {
    const store = new ModelStore(join(root, 'models'))
    const model = await store.addModelFromFolder(MODEL_DIR)
    const all = (await readdir(images.dir)).filter((name) => /\.jpe?g$/i.test(name)).sort().map((name) => join(images.dir, name))
    const paths = all.slice(0, ALONE_IMAGES)
    const decoded = await preprocessBatch(paths, model.manifest)
    const size = decoded.length / paths.length
    // Rounds alternate between the backends, so a change in the machine's load touches both alike.
    const engines = new Map<BackendName, EmbeddingEngine>()
    const samples = new Map<string, number[]>()
    try {
      for (const backend of BACKENDS) {
        const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: [backend] })
        engines.set(backend, engine)
        await engine.embed(decoded.slice(0, size), 1)
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
          log(`  ${engine.backend.label}, batch ${batchSize}: ${ms.map((value) => value.toFixed(1)).join(', ')} ms/image`)
          alone.set(
            `${backend}:${batchSize}`,
            result(
              {
                id: `backends.${backend}.alone.b${batchSize}`,
                name: `inference alone, batch ${batchSize}: ${engine.backend.label}`,
                unit: 'ms/image',
                details: { backend: engine.backend.label, images: paths.length },
              },
              ms,
            ),
          )
        }
      }
    } finally {
      for (const engine of engines.values()) await engine.close()
    }

    const saved = process.env.LOUPE_BACKEND
    const loupes = new Map<BackendName, Awaited<ReturnType<typeof openLoupe>>>()
    try {
      for (const backend of BACKENDS) {
        // The embedder reads LOUPE_BACKEND when it starts its engine (started here, and kept for the session).
        process.env.LOUPE_BACKEND = backend
        const loupe = await openLoupe({ workspaceDir: join(root, `workspace-${backend}`) })
        loupes.set(backend, loupe)
        await loupe.client.api.models.add({ path: MODEL_DIR })
        await loupe.embedder.start()
        await loupe.jobs.settled((await loupe.client.api.imports.start({ paths: [images.dir] })).id)
      }
      const rates = new Map<BackendName, number[]>()
      const labels = new Map<BackendName, string>()
      for (let round = 0; round < options.rounds.endToEnd; round++) {
        for (const [backend, loupe] of loupes) {
          loupe.workspace.db.prepare('DELETE FROM embeddings').run()
          const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
          const indexed = job.result as IndexResult
          if (job.state !== 'completed' || indexed.embedded !== all.length) {
            throw new Error(`index job ${job.state}: ${job.error ?? JSON.stringify(indexed)}`)
          }
          rates.set(backend, [...(rates.get(backend) ?? []), indexed.imagesPerSecond])
          labels.set(backend, indexed.backend)
        }
      }
      for (const backend of BACKENDS) {
        const label = labels.get(backend)!
        const values = rates.get(backend)!
        log(`  index ${all.length} images on ${label}: ${values.map((r) => r.toFixed(1)).join(', ')} images/s`)
        endToEnd.set(
          backend,
          result(
            {
              id: `backends.${backend}.end-to-end`,
              name: `index ${all.length} JPEGs ${images.width}×${images.height} end to end: ${label}`,
              unit: 'images/s',
              higherIsBetter: true,
              details: { backend: label },
            },
            values,
          ),
        )
      }
    } finally {
      for (const loupe of loupes.values()) await loupe.close()
      if (saved === undefined) delete process.env.LOUPE_BACKEND
      else process.env.LOUPE_BACKEND = saved
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
  // Side by side: each measurement for every backend, then the next measurement.
  const rows: BenchResult[] = []
  for (const batchSize of BATCH_SIZES) for (const backend of BACKENDS) rows.push(alone.get(`${backend}:${batchSize}`)!)
  for (const backend of BACKENDS) rows.push(endToEnd.get(backend)!)
  return rows
}

/** "onnxruntime is N× wasm" lines from benchBackends' rows. */
export function backendSpeedups(rows: readonly BenchResult[]): string[] {
  const find = (id: string) => rows.find((row) => row.id === id)
  const notes: string[] = []
  for (const batchSize of BATCH_SIZES) {
    const wasm = find(`backends.wasm.alone.b${batchSize}`)
    const ort = find(`backends.onnxruntime.alone.b${batchSize}`)
    if (wasm && ort) notes.push(`inference alone, batch ${batchSize}: onnxruntime ${(wasm.median / ort.median).toFixed(1)}× faster than wasm (medians)`)
  }
  const wasm = find('backends.wasm.end-to-end')
  const ort = find('backends.onnxruntime.end-to-end')
  if (wasm && ort) notes.push(`end-to-end indexing: onnxruntime ${(ort.median / wasm.median).toFixed(1)}× the images/s of wasm (medians)`)
  return notes
}
