/**
 * Model-alone throughput of the default MobileNetV2 through EmbeddingEngine (images already decoded and normalised;
 * the time is embed() round trips: transfer to the worker, inference, vectors back). Not a test: run with
 *   npx tsx test/ml/measure-throughput.ts [rounds]
 * Prints the median images/s over `rounds` (default 5) timed runs per batch size, after one warm-up run each, and
 * images per CPU-second of the process (the main thread idles meanwhile, so this is the worker's single-core rate,
 * which other load on the machine disturbs less than wall-clock time).
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_MODEL_MANIFEST, EmbeddingEngine, preprocessBatch } from '../../../../src/main/engines/ml'
import { COCO_IMAGES } from '../../../support/paths'
import { median, storeWithDefaultModel } from './support'

const BATCH_SIZES = [1, 8, 16, 32]
const rounds = Number(process.argv[2] ?? 5)

const { store } = await storeWithDefaultModel()
const model = await store.open(DEFAULT_MODEL_MANIFEST.id)
let started = performance.now()
const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest })
console.log(`backend: ${engine.backend.label}; start (worker, backend, model load, warm-up): ${((performance.now() - started) / 1000).toFixed(2)} s`)

const files = (await readdir(COCO_IMAGES)).filter((name) => name.endsWith('.jpg')).sort().slice(0, Math.max(...BATCH_SIZES))
started = performance.now()
const all = await preprocessBatch(files.map((name) => join(COCO_IMAGES, name)), DEFAULT_MODEL_MANIFEST)
console.log(`preprocessing (sharp decode + resize + normalise) of ${files.length} COCO images: ${(((performance.now() - started) / files.length)).toFixed(1)} ms an image`)

const perImage = 224 * 224 * 3
for (const size of BATCH_SIZES) {
  const rates: number[] = []
  const cpuRates: number[] = []
  for (let round = 0; round <= rounds; round++) {
    const batch = all.slice(0, size * perImage)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await engine.embed(batch, size)
    const cpu = process.cpuUsage(cpu0)
    const seconds = (performance.now() - t0) / 1000
    if (round > 0) {
      rates.push(size / seconds)
      cpuRates.push(size / ((cpu.user + cpu.system) / 1e6))
    }
  }
  console.log(
    `batch ${String(size).padStart(2)}: median ${median(rates).toFixed(1)} images/s wall clock ` +
      `(runs: ${rates.map((rate) => rate.toFixed(1)).join(', ')}); ${median(cpuRates).toFixed(1)} images per CPU-second`,
  )
}
await engine.close()
