import { describe, expect, it } from 'vitest'
import { bestWindow, imageCells, pooledRegion, type FeatureMap } from '../../../../src/main/engines/ml'

/** An 8×8 map of 4 channels: channel 2 over the cells of `block`, channel 0 (background) everywhere else. */
function mapWith(block: { row: number; column: number; rows: number; columns: number }): FeatureMap {
  const map: FeatureMap = { name: 'test', height: 8, width: 8, channels: 4, data: new Float32Array(8 * 8 * 4) }
  for (let row = 0; row < 8; row++) {
    for (let column = 0; column < 8; column++) {
      const inside = row >= block.row && row < block.row + block.rows && column >= block.column && column < block.column + block.columns
      map.data[(row * 8 + column) * 4 + (inside ? 2 : 0)] = inside ? 3 : 1
    }
  }
  return map
}

describe('where a region is found in a feature map', () => {
  it('pools the cells a box covers, each by the share of it covered', () => {
    const map = mapWith({ row: 0, column: 0, rows: 1, columns: 1 })
    // Half of cell (0,0) and half of (0,1), as fractions of the 8×8 grid.
    const pooled = pooledRegion(map, { x: 0.5 / 8, y: 0, width: 1 / 8, height: 1 / 8 })
    expect([...pooled]).toEqual([0.5, 0, 1.5, 0])
  })

  it('finds the block that looks like the query, at its place and size', () => {
    const query = pooledRegion(mapWith({ row: 1, column: 1, rows: 2, columns: 3 }), { x: 1 / 8, y: 1 / 8, width: 3 / 8, height: 2 / 8 })
    const searched = mapWith({ row: 4, column: 3, rows: 2, columns: 3 })
    const { box, score } = bestWindow(searched, query, [{ width: 3 / 8, height: 2 / 8 }])
    expect(score).toBeCloseTo(1, 6)
    // Within the block (every window inside a uniform block is as good, so the mean of them is a little smaller).
    const cells = { left: box.x * 8, top: box.y * 8, right: (box.x + box.width) * 8, bottom: (box.y + box.height) * 8 }
    expect(cells.left).toBeGreaterThanOrEqual(3)
    expect(cells.top).toBeGreaterThanOrEqual(4)
    expect(cells.right).toBeLessThanOrEqual(6)
    expect(cells.bottom).toBeLessThanOrEqual(6)
    expect(((cells.right - cells.left) * (cells.bottom - cells.top)) / 6).toBeGreaterThan(0.5)
  })

  it('keeps windows inside the map whatever size is asked, and at least a cell', () => {
    const map = mapWith({ row: 0, column: 0, rows: 8, columns: 8 })
    const query = pooledRegion(map, { x: 0, y: 0, width: 1, height: 1 })
    for (const size of [{ width: 3, height: 3 }, { width: 0.001, height: 0.001 }]) {
      const { box } = bestWindow(map, query, [size])
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(1 + 1e-9)
      expect(box.y + box.height).toBeLessThanOrEqual(1 + 1e-9)
      expect(box.width).toBeGreaterThanOrEqual(1 / 8 - 1e-9)
    }
  })

  it('takes one image of a batch', () => {
    const two: FeatureMap = { name: 'test', height: 1, width: 1, channels: 2, data: Float32Array.from([1, 2, 3, 4]) }
    expect([...imageCells(two, 1).data]).toEqual([3, 4])
  })
})
