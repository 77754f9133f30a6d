import { useState, type ReactNode } from 'react'
import { t } from '../i18n/t'

/** How many entries a long tag or label list shows until asked for all. */
const COLLAPSED_COUNT = 8

/**
 * A list cut to its first few entries, with a button to show all of them. A COCO import brings 80 classes, and listing
 * them all in the side panel pushed everything below out of sight. Entries `keep` says are in use stay visible.
 */
export function useCollapsedList<T>(
  items: readonly T[],
  keep: (item: T) => boolean,
  testId: string,
): { shown: readonly T[]; toggle: ReactNode } {
  const [expanded, setExpanded] = useState(false)
  if (items.length <= COLLAPSED_COUNT) return { shown: items, toggle: null }
  const shown = expanded ? items : items.filter((item, index) => index < COLLAPSED_COUNT || keep(item))
  const toggle = (
    <button type="button" className="link-button show-all" data-testid={testId} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
      {expanded ? t('annotate.list.showFewer') : t('annotate.list.showAll', { count: items.length })}
    </button>
  )
  return { shown, toggle }
}
