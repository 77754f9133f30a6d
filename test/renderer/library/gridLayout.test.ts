import { describe, expect, it } from 'vitest'
import { GRID_GAP, gridLayout } from '../../../src/renderer/src/library/gridLayout'

describe('grid layout', () => {
  it('fits as many columns of at least 160 px as the width allows, stretched to fill it', () => {
    const layout = gridLayout(1000)
    expect(layout.columns).toBe(5)
    expect(layout.tileWidth).toBeGreaterThanOrEqual(160)
    expect(layout.columns * layout.tileWidth + (layout.columns - 1) * GRID_GAP).toBeLessThanOrEqual(1000)
    expect(layout.columns * (layout.tileWidth + 1) + (layout.columns - 1) * GRID_GAP).toBeGreaterThan(1000)
  })

  it('keeps one column on a narrow window', () => {
    expect(gridLayout(100)).toMatchObject({ columns: 1, tileWidth: 160 })
    expect(gridLayout(0).columns).toBe(1)
  })

  it('makes rows as tall as a square tile with its caption, plus the gap', () => {
    const { tileWidth, rowHeight } = gridLayout(700)
    expect(rowHeight).toBe(tileWidth + 48 + GRID_GAP)
  })
})
