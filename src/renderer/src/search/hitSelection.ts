import { formatScore } from './subject'

/** What is selected among a search's hits. Positions are ranks in the list shown, most alike first. */
export interface HitSelectionState {
  ids: ReadonlySet<number>
  /** Where a Shift-click range starts. */
  anchor: number | null
  /** The hit last clicked: the one Enter and "Open" open. */
  cursor: number | null
}

export const NOTHING_SELECTED: HitSelectionState = { ids: new Set(), anchor: null, cursor: null }

/**
 * only — just this hit; toggle — add or remove it (Ctrl/Cmd); range — from the anchor to here (Shift);
 * addRange — that range added to what is selected (Ctrl+Shift).
 */
export type HitClick = 'only' | 'toggle' | 'range' | 'addRange'

export function clickOf(modifiers: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): HitClick {
  const command = modifiers.ctrlKey || modifiers.metaKey
  if (modifiers.shiftKey) return command ? 'addRange' : 'range'
  return command ? 'toggle' : 'only'
}

/** The selection after a click on the hit at `index` of `order` (the hits' ids, in rank order). */
export function clickHit(state: HitSelectionState, order: readonly number[], index: number, click: HitClick): HitSelectionState {
  const id = order[index]
  if (id === undefined) return state
  switch (click) {
    case 'only':
      return { ids: new Set([id]), anchor: index, cursor: index }
    case 'toggle': {
      const ids = new Set(state.ids)
      if (ids.has(id)) ids.delete(id)
      else ids.add(id)
      return { ids, anchor: index, cursor: index }
    }
    case 'range':
    case 'addRange': {
      const anchor = state.anchor ?? index
      const range = order.slice(Math.min(anchor, index), Math.max(anchor, index) + 1)
      return { ids: new Set(click === 'range' ? range : [...state.ids, ...range]), anchor, cursor: index }
    }
  }
}

/** The score as the person reads it on the tile: a threshold of 0.93 takes every hit labelled "0.93". */
const shownScore = (score: number): number => Number(formatScore(score))

/** The ids of the hits whose shown score is at least `threshold`, in rank order. */
export function idsScoringAtLeast(hits: readonly { id: number; score: number }[], threshold: number): number[] {
  return hits.filter((hit) => shownScore(hit.score) >= threshold).map((hit) => hit.id)
}

/** The lowest and highest shown scores: the span a threshold can usefully take. */
export function shownScoreSpan(hits: readonly { score: number }[]): { lowest: number; highest: number } | null {
  if (hits.length === 0) return null
  const scores = hits.map((hit) => shownScore(hit.score))
  return { lowest: Math.min(...scores), highest: Math.max(...scores) }
}

/**
 * Where the threshold starts: the shown score of the last hit in the top quarter, a first cut the person then moves.
 * (The very top hit is often the image searched with, at 1.00.)
 */
export function firstThreshold(hits: readonly { score: number }[]): number | null {
  const hit = hits[Math.max(0, Math.ceil(hits.length / 4) - 1)]
  return hit ? shownScore(hit.score) : null
}
