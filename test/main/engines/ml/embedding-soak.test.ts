import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_MANIFEST, EmbeddingEngine, preprocessBatch, type WorkerMemory } from '../../../../src/main/engines/ml'
import { COCO_IMAGES } from '../../../support/paths'
import { storeWithDefaultModel } from './support'

/**
 * 10,000 inferences of the real default model, in batches of 16 (its best throughput here). Several minutes on a
 * 2-core machine, so opt-in: LOUPE_ML_SOAK=1 npx vitest run test/ml/embedding-soak.test.ts
 * (engine-memory.test.ts runs 10,000 single-image inferences of the same path with a tiny model on every run.)
 */

const TOTAL = 10_000
const BATCH = 16

describe.skipIf(!process.env.LOUPE_ML_SOAK)('soak: the default model over 10,000 images', () => {
  it('keeps tf.memory() in the worker flat', { timeout: 30 * 60_000 }, async () => {
    const { store } = await storeWithDefaultModel()
    const model = await store.open(DEFAULT_MODEL_ID)
    const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest })
    try {
      const files = (await readdir(COCO_IMAGES)).filter((name) => name.endsWith('.jpg')).sort().slice(0, BATCH)
      const batch = await preprocessBatch(files.map((name) => join(COCO_IMAGES, name)), DEFAULT_MODEL_MANIFEST)
      const samples: WorkerMemory[] = [await engine.memory()]
      const started = performance.now()
      for (let done = 0; done < TOTAL; done += BATCH) {
        const n = Math.min(BATCH, TOTAL - done)
        await engine.embed(batch.slice(0, n * 224 * 224 * 3), n)
        if ((done / BATCH) % 50 === 49) samples.push(await engine.memory())
      }
      const seconds = (performance.now() - started) / 1000
      console.info(`[ml] soak: ${TOTAL} images in batches of ${BATCH}: ${seconds.toFixed(0)} s (${(TOTAL / seconds).toFixed(1)} images/s)`)
      samples.push(await engine.memory())
      for (const sample of samples) expect(sample).toEqual(samples[0])
    } finally {
      await engine.close()
    }
  })
})
