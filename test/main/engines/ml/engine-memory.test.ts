import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmbeddingEngine, EngineError, l2Norm, ModelError, ModelStore, probeBackend, type InstalledModel, type WorkerMemory } from '../../../../src/main/engines/ml'
import { tempDir } from '../../../support/paths'
import { writeTinyModel } from './support'

/**
 * Tensor bookkeeping over 10,000 single-image inferences. The worker's embed path is the same for every model; the
 * default MobileNetV2 needs ~50–200 ms an image on this 2-core machine (10,000 would take many minutes, see
 * embedding-soak.test.ts), so this runs the whole path — transfer, tensor in, predict, pool, normalise, read back,
 * dispose, transfer out — through a tiny conv model added to a store like any other.
 */

const INFERENCES = 10_000
let model: InstalledModel
let engine: EmbeddingEngine

beforeAll(async () => {
  const source = join(await tempDir('loupe-ml-tiny-'), 'tiny')
  await writeTinyModel(source, { size: 8, filters: 16 })
  const store = new ModelStore(join(await tempDir('loupe-ml-'), 'models'))
  model = await store.addModelFromFolder(source)
  engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['wasm'] })
})

afterAll(async () => {
  await engine?.close()
})

describe('EmbeddingEngine resources', () => {
  it(`tf.memory().numTensors in the worker stays flat over ${INFERENCES.toLocaleString('en')} single-image inferences`, async () => {
    const size = 8 * 8 * 3
    const samples: WorkerMemory[] = [await engine.memory()]
    const started = performance.now()
    for (let i = 1; i <= INFERENCES; i++) {
      const batch = new Float32Array(size)
      batch.fill((i % 255) / 255)
      const [vector] = await engine.embed(batch, 1)
      if (i % 1000 === 0) {
        expect(Math.abs(l2Norm(vector!) - 1)).toBeLessThan(1e-5)
        samples.push(await engine.memory())
      }
    }
    const seconds = (performance.now() - started) / 1000
    console.info(`[ml] ${INFERENCES} single-image inferences (tiny model) in ${seconds.toFixed(1)} s; numTensors ${samples.map((s) => s.numTensors).join(', ')}`)
    expect(samples).toHaveLength(INFERENCES / 1000 + 1)
    for (const sample of samples) {
      expect(sample.numTensors).toBe(samples[0]!.numTensors)
      expect(sample.numBytes).toBe(samples[0]!.numBytes)
    }
  })

  it('the cpu backend can be chosen explicitly, and a closed engine refuses work', async () => {
    const cpu = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['cpu'] })
    expect(cpu.backend).toMatchObject({ name: 'cpu', tfBackend: 'cpu', skipped: [] })
    const [a] = await cpu.embed(new Float32Array(8 * 8 * 3).fill(0.5), 1)
    const [b] = await engine.embed(new Float32Array(8 * 8 * 3).fill(0.5), 1)
    // Same model, two backends: the same vector up to float differences.
    for (let i = 0; i < a!.length; i++) expect(a![i]).toBeCloseTo(b![i]!, 4)
    await cpu.close()
    await cpu.close()
    await expect(cpu.embed(new Float32Array(8 * 8 * 3), 1)).rejects.toThrow(EngineError)
    await expect(cpu.memory()).rejects.toThrow(EngineError)
  })

  it('start refuses an invalid manifest or a missing model folder with a typed ModelError', async () => {
    const invalid = await EmbeddingEngine.start({ modelDir: model.dir, manifest: { ...model.manifest, dimension: 0 } }).catch((e: unknown) => e)
    expect(invalid).toBeInstanceOf(ModelError)
    expect((invalid as ModelError).code).toBe('invalid-manifest')
    const missing = await EmbeddingEngine.start({ modelDir: join(model.dir, 'nowhere'), manifest: model.manifest }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ModelError)
    expect((missing as ModelError).code).toBe('missing-model-file')
    expect((missing as ModelError).message).toContain('loupe models add PATH')
  })

  it('probeBackend reports the backend without loading a model', async () => {
    await expect(probeBackend({ backends: ['wasm'] })).resolves.toMatchObject({ name: 'wasm', label: 'wasm (SIMD)' })
  })
})
