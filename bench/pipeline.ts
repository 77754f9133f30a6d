import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLoupe, type Loupe } from '../src/main/app/loupe'
import { loadModelPixels, normalisePixels, preprocessBatch, type BackendName, type ModelManifest } from '../src/main/engines/ml'
import { BATCH_SIZE, DECODE_CONCURRENCY } from '../src/main/features/search/index-runner'
import type { IndexResult } from '../src/shared/api/schemas'
import { benchModel, installBenchModels } from './models'
import { result, round, summarise, type BenchResult } from './stats'
import type { ImageSet } from './synthetic-images'

const BACKENDS: readonly BackendName[] = ['onnxruntime', 'wasm']
/** Batches decoded once for "inference alone" (each round embeds all of them). */
const ALONE_BATCHES = 4

/** One timed run: images per second, and the process's CPU time (every thread) per image and per wall second. */
interface Run {
  rate: number
  cpuMsPerImage: number
  coresBusy: number
}

/**
 * Indexing against its ceilings, on the same images: decoding alone (sharp decode and resize to the model's input, then
 * normalisation, as the index job prepares an image, with as many decodes at a time as it runs), inference alone
 * (pre-decoded batches of the job's size straight into the worker), and the real index job in a fresh workspace
 * (imports.start, then search.index) on onnxruntime and on wasm, all with `options.model` (an id of BENCH_MODELS). If
 * decoding and inference overlap, the job runs at about the slower of the two; if they took turns, at
 * 1 / (1/decode + 1/inference). CPU time per image tells the two apart on a machine whose cores are not all ours: a
 * job that keeps c cores busy cannot beat c / (CPU per image).
 * Every round measures everything, so a change in the machine's load touches all figures alike.
 */
export async function benchPipeline(
  images: ImageSet,
  options: { rounds: number; model: string },
  log: (line: string) => void,
): Promise<{ results: BenchResult[]; notes: string[] }> {
  const bench = benchModel(options.model)
  const root = await mkdtemp(join(tmpdir(), 'loupe-bench-pipeline-'))
  const saved = process.env.LOUPE_BACKEND
  const loupes = new Map<BackendName, Loupe>()
  const runs = new Map<string, Run[]>()
  const record = (key: string, run: Run) => runs.set(key, [...(runs.get(key) ?? []), run])
  const labels = new Map<BackendName, string>()
  try {
    const paths = (await readdir(images.dir)).filter((name) => /\.jpe?g$/i.test(name)).sort().map((name) => join(images.dir, name))
    const modelsDir = join(root, 'models')
    await installBenchModels(modelsDir, [bench])
    for (const backend of BACKENDS) {
      const loupe = await openLoupe({ workspaceDir: join(root, `workspace-${backend}`), modelsDir })
      loupes.set(backend, loupe)
      // Chosen outright: which installed model a workspace falls back on depends on the machine (see recommendedModelId).
      await loupe.client.api.models.activate({ id: bench.id })
      // The embedder reads LOUPE_BACKEND when it starts its engine (started here, and kept for the session).
      process.env.LOUPE_BACKEND = backend
      await loupe.embedder.start()
      log(`  importing ${paths.length} images into a fresh workspace for ${backend}`)
      await loupe.jobs.settled((await loupe.client.api.imports.start({ paths: [images.dir] })).id)
    }
    const { model } = await loupes.get('onnxruntime')!.embedder.start()
    const imageSize = model.manifest.input.width * model.manifest.input.height * 3
    const batches: Float32Array[] = []
    for (let start = 0; start < Math.min(paths.length, ALONE_BATCHES * BATCH_SIZE); start += BATCH_SIZE) {
      batches.push(await preprocessBatch(paths.slice(start, start + BATCH_SIZE), model.manifest))
    }
    const aloneImages = batches.reduce((sum, batch) => sum + batch.length / imageSize, 0)

    for (let pass = 1; pass <= options.rounds; pass++) {
      const decoded = await timed(paths.length, () => decodeAll(paths, model.manifest))
      record('decode', decoded)
      const line = [`decode only ${decoded.rate.toFixed(1)}`]
      for (const [backend, loupe] of loupes) {
        const { engine } = await loupe.embedder.start()
        // embed() takes its batch's buffer, so each run gets copies.
        const alone = await timed(aloneImages, async () => {
          for (const batch of batches) await engine.embed(batch.slice(), batch.length / imageSize)
        })
        record(`${backend}:alone`, alone)

        loupe.workspace.db.prepare('DELETE FROM embeddings').run()
        const job = await timed(paths.length, async () => {
          const settled = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
          const indexed = settled.result as IndexResult
          if (settled.state !== 'completed' || indexed.embedded !== paths.length || indexed.model !== bench.id) {
            throw new Error(`index job ${settled.state}: ${settled.error ?? JSON.stringify(indexed)}`)
          }
          return indexed
        })
        const { imagesPerSecond, backend: label } = job.value
        // The job's own figure (timed inside the runner), with the CPU measured around it.
        record(`${backend}:job`, { ...job, rate: imagesPerSecond })
        labels.set(backend, label)
        line.push(`${backend}: alone ${alone.rate.toFixed(1)}, end to end ${imagesPerSecond.toFixed(1)} (${job.coresBusy.toFixed(2)} cores busy)`)
      }
      log(`  round ${pass}/${options.rounds} (images/s): ${line.join('; ')}`)
    }
  } finally {
    for (const loupe of loupes.values()) await loupe.close()
    if (saved === undefined) delete process.env.LOUPE_BACKEND
    else process.env.LOUPE_BACKEND = saved
    await rm(root, { recursive: true, force: true })
  }

  const decode = runs.get('decode')!
  const median = (values: readonly number[]) => summarise(values).median
  const cpuDetails = (samples: readonly Run[]) => ({
    cpuMsPerImage: round(median(samples.map((run) => run.cpuMsPerImage)), 2),
    coresBusy: round(median(samples.map((run) => run.coresBusy)), 2),
  })
  const results: BenchResult[] = [
    result(
      {
        id: 'pipeline.decode-only',
        name: `decode only (limit), ${images.count} JPEGs ${images.width}×${images.height}, ${DECODE_CONCURRENCY} at a time`,
        unit: 'images/s',
        higherIsBetter: true,
        details: { decoders: DECODE_CONCURRENCY, ...cpuDetails(decode) },
      },
      decode.map((run) => run.rate),
    ),
  ]
  const notes: string[] = []
  for (const backend of BACKENDS) {
    const label = labels.get(backend)!
    const alone = runs.get(`${backend}:alone`)!
    const job = runs.get(`${backend}:job`)!
    results.push(
      result(
        {
          id: `pipeline.${bench.id}.${backend}.alone`,
          name: `  ${bench.label}, inference alone, batch ${BATCH_SIZE}: ${label}`,
          unit: 'images/s',
          higherIsBetter: true,
          details: { model: bench.id, ...cpuDetails(alone) },
        },
        alone.map((run) => run.rate),
      ),
      result(
        {
          id: `pipeline.${bench.id}.${backend}.end-to-end`,
          name: `  ${bench.label}, index end to end: ${label}`,
          unit: 'images/s',
          higherIsBetter: true,
          details: { model: bench.id, backend: label, ...cpuDetails(job) },
        },
        job.map((run) => run.rate),
      ),
      result(
        { id: `pipeline.${bench.id}.${backend}.share`, name: '    end to end / decode only, same round', unit: '%', higherIsBetter: true },
        job.map((run, index) => (100 * run.rate) / decode[index]!.rate),
      ),
    )
    const [d, i, e] = [decode, alone, job].map((samples) => median(samples.map((run) => run.rate))) as [number, number, number]
    const cpu = cpuDetails(decode).cpuMsPerImage + cpuDetails(alone).cpuMsPerImage
    const cores = cpuDetails(job).coresBusy
    notes.push(
      `${bench.label} on ${backend}: end to end ${e.toFixed(1)} images/s = ${((100 * e) / d).toFixed(0)}% of decode only ${d.toFixed(1)} (inference alone ` +
        `${i.toFixed(1)}); overlapped would give ~${Math.min(d, i).toFixed(1)}, taking turns ~${(1 / (1 / d + 1 / i)).toFixed(1)}; ` +
        `CPU ${cpu.toFixed(1)} ms an image (decode + inference) on the ${cores} cores the job kept busy allows ~${((1000 * cores) / cpu).toFixed(1)} (medians)`,
    )
  }
  return { results, notes }
}

/** Runs `work` over `images` images and measures it; `value` is what the work gave. */
async function timed<T>(images: number, work: () => Promise<T>): Promise<Run & { value: T }> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const value = await work()
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  const cpuMs = (cpu.user + cpu.system) / 1000
  return { value, rate: (images * 1000) / wallMs, cpuMsPerImage: cpuMs / images, coresBusy: cpuMs / wallMs }
}

/** Decodes every path as the index job does, `DECODE_CONCURRENCY` images at a time, with no inference. */
async function decodeAll(paths: readonly string[], manifest: ModelManifest): Promise<void> {
  const size = manifest.input.width * manifest.input.height * 3
  // One batch's buffer, as the job fills one per batch; its rows are reused, since nothing reads them.
  const batch = new Float32Array(BATCH_SIZE * size)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++
      normalisePixels(await loadModelPixels(paths[index]!, manifest), manifest, batch, (index % BATCH_SIZE) * size)
    }
  }
  await Promise.all(Array.from({ length: DECODE_CONCURRENCY }, lane))
}
