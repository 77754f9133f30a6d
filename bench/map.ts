import { DEFAULT_SAMPLE_SIZE, layOutInWorker } from '../src/main/engines/map'
import { EmbeddingGenerator } from './search-vectors'
import { result, round, type BenchResult } from './stats'

/** The default model's embedding size (MobileNetV1 1.0). */
const DIMENSIONS = 1024

export interface MapBenchSizes {
  /** Points laid out whole, and how many times each. */
  full: Array<{ points: number; runs: number }>
  /** Points laid out from a sample with the rest transformed: the sample's size and runs. */
  sampled: Array<{ points: number; sample: number; runs: number }>
}

/**
 * The embedding map's layout time in its worker, as the 'map-layout' job runs it, on synthetic embeddings with cluster
 * structure (search-vectors.ts: 50 subjects in a 32-d latent space, projected to 1024-d): whole UMAP layouts against a
 * sample laid out and the rest placed by UMAP's transform. Includes starting the worker and moving the vectors to it.
 */
export async function benchMap(sizes: MapBenchSizes, log: (line: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const cases = [
    ...sizes.full.map(({ points, runs }) => ({ points, runs, sample: points, id: `map.layout.full.${points}`, name: `map layout, ${points} points, whole UMAP` })),
    ...sizes.sampled.map(({ points, sample, runs }) => ({
      points,
      runs,
      sample,
      id: `map.layout.sampled.${points}`,
      name: `map layout, ${points} points, UMAP of ${sample} + transform`,
    })),
  ]
  for (const { points, runs, sample, id, name } of cases) {
    const samples: number[] = []
    for (let run = 0; run < runs; run++) {
      const { vectors } = new EmbeddingGenerator(7 + run, { dimensions: DIMENSIONS }).matrix(points, { duplicates: false })
      const started = performance.now()
      await layOutInWorker({ rows: vectors, dimension: DIMENSIONS }, { seed: 1, sampleSize: sample })
      samples.push(performance.now() - started)
      log(`map: ${name}, run ${run + 1}/${runs}: ${round(samples.at(-1)! / 1000, 1)} s`)
    }
    results.push(result({ id, name, unit: 'ms', details: { points, sample, dimensions: DIMENSIONS, productSampleSize: DEFAULT_SAMPLE_SIZE } }, samples))
  }
  return results
}
