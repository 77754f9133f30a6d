import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bankPatches, fitAnomalyModel, HNSW_FROM_PATCHES, scoreAnomalies, type AnomalyModel, type ImageAnomaly } from '../../../../src/main/engines/anomaly'
import { MemoryBank } from '../../../../src/main/engines/anomaly/memory-bank'
import { Random } from '../../../../src/main/engines/learning/random'
import { EmbeddingEngine, ModelStore } from '../../../../src/main/engines/ml'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from './support'

/**
 * The memory bank searched exactly and through an HNSW graph: above HNSW_FROM_PATCHES the graph is used, and it must
 * find (nearly) the same nearest patches, so scores and regions stay those of the exact search.
 */

const DIMENSION = 256

/** `count` patches around 200 seeded centres, as patch features cluster by texture. */
function clusteredPatches(count: number, random: Random, centres: Float32Array): Float32Array {
  const out = new Float32Array(count * DIMENSION)
  const clusters = centres.length / DIMENSION
  for (let row = 0; row < count; row++) {
    const centre = random.below(clusters) * DIMENSION
    for (let d = 0; d < DIMENSION; d++) out[row * DIMENSION + d] = centres[centre + d]! + 0.5 * normal(random)
  }
  return out
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
}

describe('a large synthetic bank', () => {
  const random = new Random(14)
  const centres = Float32Array.from({ length: 200 * DIMENSION }, () => 2 * normal(random))
  const rows = clusteredPatches(HNSW_FROM_PATCHES + 2_000, random, centres)
  const queries = clusteredPatches(1_000, random, centres)

  it('is searched through a graph from HNSW_FROM_PATCHES on, which finds the exact nearest patch for nearly every query', () => {
    expect(new MemoryBank(rows.slice(0, (HNSW_FROM_PATCHES - 1) * DIMENSION), DIMENSION).search).toBe('exact')
    const large = new MemoryBank(rows, DIMENSION)
    expect(large.search).toBe('hnsw')
    const exact = new MemoryBank(rows, DIMENSION, 'exact').nearestDistances(queries)
    const graph = large.nearestDistances(queries)
    const same = exact.filter((distance, index) => Math.abs(graph[index]! - distance) <= 1e-4 * distance).length
    expect(same / exact.length).toBeGreaterThan(0.99)
    // A graph search can miss the nearest patch, never find a nearer one.
    graph.forEach((distance, index) => expect(distance).toBeGreaterThanOrEqual(exact[index]! * (1 - 1e-5)))
    // Built on one thread: the same bank gives the same graph, so the same distances.
    expect(new MemoryBank(rows, DIMENSION, 'hnsw').nearestDistances(queries)).toEqual(graph)
  })
})

describe('a large bank of real patches', () => {
  let engine: EmbeddingEngine
  let model: AnomalyModel

  beforeAll(async () => {
    const store = new ModelStore(join(await tempDir('loupe-anomaly-bank-'), 'models'))
    await store.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
    const installed = await store.open('mobilenet-v1-1.0-224')
    engine = await EmbeddingEngine.start({ modelDir: installed.dir, manifest: installed.manifest, backends: ['onnxruntime'] })
    // Every patch of 16 good tiles kept (no coreset): a bank above the switch point, as thousands of good images make.
    model = await fitAnomalyModel([engine], (await goodTiles()).slice(0, 20), { settings: { coresetFraction: 1 } })
  })

  afterAll(async () => {
    await engine?.close()
  })

  it('scores and places regions as the exact search does', async () => {
    expect(bankPatches(model)).toBeGreaterThanOrEqual(HNSW_FROM_PATCHES)
    const defects = (await defectTiles()).filter((_, index) => index % 6 === 0).map((defect) => defect.path)
    const exact = await scoreAnomalies(model, [engine], defects, { search: 'exact' })
    const graph = await scoreAnomalies(model, [engine], defects, { search: 'hnsw' })
    for (const [index, image] of graph.entries()) {
      const reference = exact[index]!
      console.log(`${image.path.split('/').slice(-2).join('/')}: exact ${reference.score.toFixed(4)}, hnsw ${image.score.toFixed(4)}, top region overlap ${topOverlap(image, reference).toFixed(3)}`)
      expect(image.score).toBeGreaterThanOrEqual(reference.score * (1 - 1e-5))
      expect(image.score).toBeLessThanOrEqual(reference.score * 1.01)
      expect(image.anomalous).toBe(reference.anomalous)
      if (reference.regions.length > 0) expect(topOverlap(image, reference)).toBeGreaterThan(0.9)
    }
  })
})

/** Intersection over union of two pictures' top regions. */
function topOverlap(a: ImageAnomaly, b: ImageAnomaly): number {
  const [first, second] = [a.regions[0], b.regions[0]]
  if (!first || !second) return 0
  const width = Math.max(0, Math.min(first.x + first.width, second.x + second.width) - Math.max(first.x, second.x))
  const height = Math.max(0, Math.min(first.y + first.height, second.y + second.height) - Math.max(first.y, second.y))
  const overlap = width * height
  return overlap / (first.width * first.height + second.width * second.height - overlap)
}
