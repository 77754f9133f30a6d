import { useMemo, useState } from 'react'
import type { SearchHit } from '../../../shared/api/schemas'
import { clickHit, idsScoringAtLeast, NOTHING_SELECTED, type HitClick, type HitSelectionState } from './hitSelection'

export interface HitSelection extends HitSelectionState {
  click(index: number, click: HitClick): void
  selectScoringAtLeast(threshold: number): void
  selectAll(): void
  clear(): void
}

/** The selection among one search's hits; the answer to another question starts with nothing selected. */
export function useHitSelection(hits: readonly SearchHit[], resultsKey: string): HitSelection {
  const [stored, setStored] = useState<{ key: string; state: HitSelectionState }>({ key: resultsKey, state: NOTHING_SELECTED })
  const state = stored.key === resultsKey ? stored.state : NOTHING_SELECTED
  const order = useMemo(() => hits.map((hit) => hit.id), [hits])
  const set = (next: HitSelectionState) => setStored({ key: resultsKey, state: next })
  return {
    ...state,
    click: (index, click) => set(clickHit(state, order, index, click)),
    selectScoringAtLeast: (threshold) => set({ ids: new Set(idsScoringAtLeast(hits, threshold)), anchor: null, cursor: null }),
    selectAll: () => set({ ...state, ids: new Set(order) }),
    clear: () => set(NOTHING_SELECTED),
  }
}
