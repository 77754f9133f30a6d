import { describe, expect, it } from 'vitest'
import { layOut, layOutInWorker, placeAmong, type VectorRows } from '../../../../src/main/engines/map'
import { Random } from '../../../../src/main/engines/learning/random'

const DIMENSION = 64

/** Unit vectors around `clusters` random centres, cluster by cluster: row r belongs to cluster floor(r / perCluster). */
function clustered(clusters: number, perCluster: number, seed: number): VectorRows {
  const random = new Random(seed)
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next())
  const centres = Array.from({ length: clusters }, () => Array.from({ length: DIMENSION }, gaussian))
  const rows = new Float32Array(clusters * perCluster * DIMENSION)
  for (let row = 0; row < clusters * perCluster; row++) {
    const vector = centres[Math.floor(row / perCluster)]!.map((value) => value + 0.3 * gaussian())
    const length = Math.hypot(...vector)
    rows.set(vector.map((value) => value / length), row * DIMENSION)
  }
  return { rows, dimension: DIMENSION }
}

const pointAt = (coords: Float32Array, i: number) => [coords[i * 2]!, coords[i * 2 + 1]!] as const

describe('the map layout', () => {
  it('keeps clusters apart, inside [0, 1]², and repeats itself for a seed', () => {
    const vectors = clustered(4, 40, 3)
    const first = layOut(vectors, { seed: 5, sampleSize: 1000 })
    expect(first.anchors.every((anchor) => anchor === 1)).toBe(true)
    expect(first.coords.every((value) => value >= 0 && value <= 1)).toBe(true)
    expect(layOut(vectors, { seed: 5, sampleSize: 1000 }).coords).toEqual(first.coords)
    // Every point's nearest other point on the map is of its own cluster.
    for (let i = 0; i < 160; i++) {
      const [x, y] = pointAt(first.coords, i)
      let nearest = -1
      let best = Infinity
      for (let j = 0; j < 160; j++) {
        const [u, v] = pointAt(first.coords, j)
        if (j !== i && Math.hypot(x - u, y - v) < best) [best, nearest] = [Math.hypot(x - u, y - v), j]
      }
      expect(Math.floor(nearest / 40)).toBe(Math.floor(i / 40))
    }
  })

  it('lays out a sample of a large set and transforms the rest into the same clusters', () => {
    const vectors = clustered(3, 100, 4)
    const { coords, anchors } = layOut(vectors, { seed: 2, sampleSize: 90 })
    expect(anchors.reduce((sum, anchor) => sum + anchor, 0)).toBe(90)
    // The centre of each cluster's transformed points is nearer its own anchors' centre than any other cluster's.
    const centre = (cluster: number, anchor: 0 | 1) => {
      const members = Array.from({ length: 100 }, (_, k) => cluster * 100 + k).filter((i) => anchors[i] === anchor)
      return [0, 1].map((axis) => members.reduce((sum, i) => sum + coords[i * 2 + axis]!, 0) / members.length)
    }
    for (let cluster = 0; cluster < 3; cluster++) {
      const [x, y] = centre(cluster, 0)
      const distances = [0, 1, 2].map((other) => Math.hypot(x! - centre(other, 1)[0]!, y! - centre(other, 1)[1]!))
      expect(distances.indexOf(Math.min(...distances))).toBe(cluster)
    }
  })

  it('places new points beside the laid-out points most like them', () => {
    const anchors = { ...clustered(2, 20, 6), coords: new Float32Array(80) }
    // Cluster 0 laid out at the left, cluster 1 at the right.
    for (let i = 0; i < 40; i++) anchors.coords.set([i < 20 ? 0.1 : 0.9, 0.5], i * 2)
    const added = { rows: anchors.rows.slice(0, DIMENSION), dimension: DIMENSION }
    const copyOfRight = { rows: anchors.rows.slice(25 * DIMENSION, 26 * DIMENSION), dimension: DIMENSION }
    expect(placeAmong(anchors, added)[0]).toBeCloseTo(0.1)
    expect(placeAmong(anchors, copyOfRight)[0]).toBeCloseTo(0.9)
  })

  it('stops when cancelled, ending its worker', async () => {
    const controller = new AbortController()
    const layout = layOutInWorker(clustered(10, 300, 7), { seed: 1, sampleSize: 20_000 }, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(layout).rejects.toThrow('The map computation was cancelled.')
  })
})
