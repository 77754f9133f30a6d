import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ImagePageCache } from '../catalog/ImagePageCache'

/**
 * How a click or key press changes the selection:
 * only — select just this one; toggle — add or remove it (Ctrl/Cmd); range — select from the anchor to here (Shift);
 * addRange — add that range to what is selected (Ctrl+Shift); move — move the keyboard cursor, leave selection alone.
 */
export type SelectMode = 'only' | 'toggle' | 'range' | 'addRange' | 'move'

interface SelectionState {
  /** The query the indices below belong to; a different query means nothing is selected. */
  key: string
  ids: ReadonlySet<number>
  /** Where a Shift range starts. */
  anchor: number | null
  /** The tile the keyboard acts on. */
  cursor: number | null
}

export interface Selection {
  ids: ReadonlySet<number>
  cursor: number | null
  /** True while a select-all is still fetching the ids of pages never shown (seconds, at 100,000 images). */
  selectingAll: boolean
  select(index: number, mode: SelectMode): Promise<void>
  selectAll(): Promise<void>
  clear(): void
}

const EMPTY: ReadonlySet<number> = new Set()

/** Selection by image id (ids survive catalogue refreshes), with anchor and cursor by position in the grid. */
export function useSelection(cache: ImagePageCache | null, key: string): Selection {
  const [raw, setState] = useState<SelectionState>({ key, ids: EMPTY, anchor: null, cursor: null })
  const state: SelectionState = raw.key === key ? raw : { key, ids: EMPTY, anchor: null, cursor: null }
  // Async selects (they may wait for pages) must start from the selection as it is when they run.
  const latest = useRef(state)
  useLayoutEffect(() => {
    latest.current = state
  })

  const idsBetween = useCallback(
    async (from: number, to: number) => {
      const items = (await cache?.range(Math.min(from, to), Math.max(from, to))) ?? []
      return items.map((item) => item.id)
    },
    [cache],
  )

  const select = useCallback(
    async (index: number, mode: SelectMode) => {
      const current = latest.current
      const anchor = current.anchor ?? index
      let ids: ReadonlySet<number>
      switch (mode) {
        case 'move':
          ids = current.ids
          break
        case 'range':
          ids = new Set(await idsBetween(anchor, index))
          break
        case 'addRange':
          ids = new Set([...current.ids, ...(await idsBetween(anchor, index))])
          break
        case 'only':
        case 'toggle': {
          const [id] = await idsBetween(index, index)
          if (id === undefined) return
          const next = new Set(mode === 'toggle' ? current.ids : [])
          if (mode === 'toggle' && next.has(id)) next.delete(id)
          else next.add(id)
          ids = next
        }
      }
      const keepsAnchor = mode === 'range' || mode === 'addRange' || mode === 'move'
      // The query may have changed while pages were loading; a selection for the old one would be meaningless. (The
      // stored state may still carry an earlier query's key, which this one replaces.)
      if (latest.current.key !== key) return
      setState({ key, ids, anchor: keepsAnchor ? anchor : index, cursor: index })
    },
    [idsBetween, key],
  )

  const [selectingAll, setSelectingAll] = useState(false)
  const selectAll = useCallback(async () => {
    const total = cache?.total ?? 0
    if (total === 0) return
    setSelectingAll(true)
    try {
      const ids = new Set(await idsBetween(0, total - 1))
      if (latest.current.key === key) setState({ ...latest.current, key, ids })
    } finally {
      setSelectingAll(false)
    }
  }, [cache, idsBetween, key])

  const clear = useCallback(() => setState((s) => ({ ...s, key, ids: EMPTY, anchor: null })), [key])

  return useMemo(
    () => ({ ids: state.ids, cursor: state.cursor, selectingAll, select, selectAll, clear }),
    [state.ids, state.cursor, selectingAll, select, selectAll, clear],
  )
}
