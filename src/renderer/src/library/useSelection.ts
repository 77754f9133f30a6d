import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { ImageFilter } from '../../../shared/api/schemas'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'

/**
 * How a click or key press changes the selection:
 * only — select just this one; toggle — add or remove it (Ctrl/Cmd); range — select from the anchor to here (Shift);
 * addRange — add that range to what is selected (Ctrl+Shift); move — move the keyboard cursor, leave selection alone.
 */
export type SelectMode = 'only' | 'toggle' | 'range' | 'addRange' | 'move'

interface SelectionState {
  /** The query the positions below belong to; under another query they mean nothing, but the ids stay selected. */
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
/** The most ids one catalogue page holds (the API's limit). */
const PAGE = 1000

/**
 * Selection by image id (ids survive catalogue refreshes), with anchor and cursor by position in the grid. A new
 * order keeps the selection; a new filter keeps the selected images that still match it and drops the others.
 */
export function useSelection(cache: ImagePageCache | null, key: string, filter: ImageFilter, filterKey: string): Selection {
  const client = useClient()
  const { reportError } = useToasts()
  const [raw, setState] = useState<SelectionState>({ key, ids: EMPTY, anchor: null, cursor: null })
  const state: SelectionState = raw.key === key ? raw : { key, ids: raw.ids, anchor: null, cursor: null }
  // Async selects (they may wait for pages) must start from the selection as it is when they run.
  const latest = useRef(state)
  useLayoutEffect(() => {
    latest.current = state
  })

  const matching = useEffectEvent(async (ids: number[]): Promise<Set<number>> => {
    const found = new Set<number>()
    for (let start = 0; start < ids.length; start += PAGE) {
      const page = await client.api.catalog.listImages({ filter: { ...filter, imageIds: ids.slice(start, start + PAGE) }, limit: PAGE })
      for (const image of page.items) found.add(image.id)
    }
    return found
  })
  const onError = useEffectEvent(reportError)
  useEffect(() => {
    const checked = [...latest.current.ids]
    if (checked.length === 0) return
    let current = true
    matching(checked).then(
      (found) => {
        if (!current) return
        // Images selected while this ran were picked under the new filter, so they match already.
        const wasChecked = new Set(checked)
        setState((s) => ({ ...s, ids: new Set([...s.ids].filter((id) => found.has(id) || !wasChecked.has(id))) }))
      },
      (error: unknown) => {
        if (current) onError(error)
      },
    )
    return () => {
      current = false
    }
  }, [filterKey])

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
