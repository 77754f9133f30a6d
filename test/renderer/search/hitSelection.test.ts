import { describe, expect, it } from 'vitest'
import {
  clickHit,
  clickOf,
  firstThreshold,
  idsScoringAtLeast,
  NOTHING_SELECTED,
  shownScoreSpan,
  type HitSelectionState,
} from '../../../src/renderer/src/search/hitSelection'

const ORDER = [11, 12, 13, 14, 15, 16]
const HITS = [
  { id: 11, score: 1 },
  { id: 12, score: 0.9349 },
  { id: 13, score: 0.9251 },
  { id: 14, score: 0.9249 },
  { id: 15, score: 0.81 },
  { id: 16, score: 0.7 },
]

const ids = (state: HitSelectionState) => [...state.ids].sort((a, b) => a - b)

describe('selecting hits by clicking', () => {
  it('reads Ctrl or Cmd as toggle and Shift as range, both together as adding a range', () => {
    expect(clickOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('only')
    expect(clickOf({ shiftKey: false, ctrlKey: true, metaKey: false })).toBe('toggle')
    expect(clickOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle')
    expect(clickOf({ shiftKey: true, ctrlKey: false, metaKey: false })).toBe('range')
    expect(clickOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('addRange')
  })

  it('a plain click selects just that hit and makes it the anchor and the cursor', () => {
    const state = clickHit(clickHit(NOTHING_SELECTED, ORDER, 1, 'only'), ORDER, 3, 'only')
    expect(ids(state)).toEqual([14])
    expect(state).toMatchObject({ anchor: 3, cursor: 3 })
  })

  it('Ctrl-click adds a hit, and takes it out again', () => {
    let state = clickHit(NOTHING_SELECTED, ORDER, 0, 'only')
    state = clickHit(state, ORDER, 2, 'toggle')
    expect(ids(state)).toEqual([11, 13])
    state = clickHit(state, ORDER, 0, 'toggle')
    expect(ids(state)).toEqual([13])
  })

  it('Shift-click selects from the anchor to the hit, either way, and a second Shift-click redraws the range', () => {
    const anchored = clickHit(NOTHING_SELECTED, ORDER, 2, 'only')
    expect(ids(clickHit(anchored, ORDER, 4, 'range'))).toEqual([13, 14, 15])
    const backwards = clickHit(anchored, ORDER, 0, 'range')
    expect(ids(backwards)).toEqual([11, 12, 13])
    expect(backwards).toMatchObject({ anchor: 2, cursor: 0 })
    expect(ids(clickHit(backwards, ORDER, 3, 'range'))).toEqual([13, 14])
  })

  it('Ctrl+Shift-click adds the range to what was selected', () => {
    let state = clickHit(NOTHING_SELECTED, ORDER, 0, 'only')
    state = clickHit(state, ORDER, 3, 'toggle')
    expect(ids(clickHit(state, ORDER, 5, 'addRange'))).toEqual([11, 14, 15, 16])
  })

  it('Shift-click with nothing clicked before starts the range at that hit', () => {
    expect(ids(clickHit(NOTHING_SELECTED, ORDER, 4, 'range'))).toEqual([15])
  })

  it('a click past the last hit changes nothing', () => {
    const state = clickHit(NOTHING_SELECTED, ORDER, 1, 'only')
    expect(clickHit(state, ORDER, 6, 'only')).toBe(state)
  })
})

describe('selecting hits above a score', () => {
  it('compares with the scores as the tiles show them, to two decimals', () => {
    // 0.9349 shows as 0.93, 0.9251 as 0.93, 0.9249 as 0.92.
    expect(idsScoringAtLeast(HITS, 0.93)).toEqual([11, 12, 13])
    expect(idsScoringAtLeast(HITS, 0.92)).toEqual([11, 12, 13, 14])
    expect(idsScoringAtLeast(HITS, 1)).toEqual([11])
    expect(idsScoringAtLeast(HITS, 0)).toEqual(ORDER)
    expect(idsScoringAtLeast(HITS, 1.01)).toEqual([])
  })

  it('offers the span of the shown scores, and starts at the top quarter', () => {
    expect(shownScoreSpan(HITS)).toEqual({ lowest: 0.7, highest: 1 })
    expect(shownScoreSpan([])).toBeNull()
    // Six hits: the top quarter is the first two.
    expect(firstThreshold(HITS)).toBe(0.93)
    expect(firstThreshold([{ score: 0.5 }])).toBe(0.5)
    expect(firstThreshold([])).toBeNull()
  })
})
