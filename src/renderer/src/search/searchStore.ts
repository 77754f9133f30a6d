import type { ImageFilter, Region } from '../../../shared/api/schemas'
import { createStore } from '../ui/createStore'

/** What the person asked to find images like. Files from outside carry their bytes and a preview URL of their own. */
export type SearchSubject =
  | { kind: 'image'; imageId: number; fileName: string; width?: number; height?: number; region?: Region }
  | { kind: 'path'; path: string }
  | { kind: 'file'; name: string; bytesBase64: string; previewUrl: string }

export type SearchTab = 'similar' | 'duplicates'

interface SearchState {
  open: boolean
  tab: SearchTab
  subject: SearchSubject | null
  /** The library's current label/status filter: searches stay within what the grid shows. */
  filter: ImageFilter
}

/**
 * The search view lives outside the library's component tree (the top bar mounts it), so the library's "More like
 * this" actions and its filter reach it through this small store.
 */
const store = createStore<SearchState>({ open: false, tab: 'similar', subject: null, filter: {} })

function update(next: Partial<SearchState>): void {
  const { subject } = store.current()
  if (next.subject !== undefined && subject?.kind === 'file' && next.subject !== subject) {
    URL.revokeObjectURL(subject.previewUrl)
  }
  store.update(next)
}

export const searchStore = {
  current: store.current,
  open(tab: SearchTab = store.current().tab): void {
    update({ open: true, tab })
  },
  close(): void {
    update({ open: false })
  },
  setTab(tab: SearchTab): void {
    update({ tab })
  },
  /** Opens the view on "images like this". */
  search(subject: SearchSubject): void {
    update({ open: true, tab: 'similar', subject })
  },
  setFilter(filter: ImageFilter): void {
    if (JSON.stringify(filter) !== JSON.stringify(store.current().filter)) update({ filter })
  },
}

export const useSearchState = store.use
