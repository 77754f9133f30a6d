import type { KeyboardEvent, MouseEvent } from 'react'
import type { Label, SearchHit } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import { SelectionBar } from '../library/SelectionBar'
import { isTypingTarget } from '../ui/isTypingTarget'
import { clickOf } from './hitSelection'
import { HitTile } from './HitTile'
import { ScoreThreshold } from './ScoreThreshold'
import { useHitSelection } from './useHitSelection'

/** What acting on selected hits needs from the app around the search view. */
export interface HitActionContext {
  labels: readonly Label[]
  /** An image classifier is active: its predictions can be accepted as labels. */
  predictions: boolean
  /** Closes the search and shows exactly these images, selected, in the library. */
  showInLibrary(imageIds: readonly number[]): void
}

interface Props {
  hits: readonly SearchHit[]
  /** Which question these hits answer: a new one starts with nothing selected. */
  resultsKey: string
  context: HitActionContext
  onRegion(hit: SearchHit): void
}

/**
 * The hits as a selectable grid: click, Ctrl/Cmd-click, Shift-click, or every hit above a score; the library's selection
 * bar labels them or sets their status, Open (or a double-click, or Enter) shows one in the annotation workspace,
 * Show in library takes them there. Esc clears the selection before it closes the view.
 */
export function HitGrid({ hits, resultsKey, context, onRegion }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const selection = useHitSelection(hits, resultsKey)

  const open = (index: number) => void annotateList(hits, index, reportError)
  const firstSelected = hits.findIndex((hit) => selection.ids.has(hit.id))
  const openIndex = selection.cursor !== null && selection.ids.has(hits[selection.cursor]?.id ?? -1) ? selection.cursor : firstSelected

  const onClick = (event: MouseEvent) => {
    const target = event.target as Element
    // A hit's own buttons ask questions of their own.
    if (target.closest('button')) return
    const index = hitIndexAt(target)
    if (index === null) selection.clear()
    else selection.click(index, clickOf(event))
  }
  const onDoubleClick = (event: MouseEvent) => {
    const target = event.target as Element
    const index = target.closest('button') ? null : hitIndexAt(target)
    if (index !== null) open(index)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && selection.ids.size > 0) {
      // The view's own Esc (closing it) waits until nothing is selected.
      event.preventDefault()
      event.stopPropagation()
      selection.clear()
    } else if (isTypingTarget(event.target)) {
      return
    } else if (event.key === 'Enter' && openIndex >= 0 && !(event.target as Element).closest('button, a')) {
      event.preventDefault()
      open(openIndex)
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault()
      selection.selectAll()
    }
  }

  const selectedIds = hits.filter((hit) => selection.ids.has(hit.id)).map((hit) => hit.id)
  return (
    <div className="hit-area" onKeyDown={onKeyDown}>
      <div className="hit-toolbar">
        <ScoreThreshold hits={hits} onSelect={selection.selectScoringAtLeast} />
        <span className="field-hint">{t('search.hits.hint')}</span>
      </div>
      <ul
        className="hit-grid"
        aria-label={t('search.hits.label')}
        tabIndex={0}
        data-testid="hit-grid"
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        // Shift-click would otherwise select the names' text.
        onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      >
        {hits.map((hit, rank) => (
          <HitTile
            key={hit.id}
            hit={hit}
            rank={rank}
            thumbUrl={client.mediaUrl('thumb', hit.id)}
            selected={selection.ids.has(hit.id)}
            cursor={selection.cursor === rank}
            onRegion={() => onRegion(hit)}
          />
        ))}
      </ul>
      <SelectionBar
        imageIds={selection.ids}
        selectingAll={false}
        labels={context.labels}
        predictions={context.predictions}
        keyboardActive={false}
        onClear={selection.clear}
      >
        <button
          type="button"
          className="button"
          title={t('search.hits.openTitle')}
          data-testid="hits-open"
          disabled={openIndex < 0}
          onClick={() => open(openIndex)}
        >
          {t('search.hits.open')}
        </button>
        <button
          type="button"
          className="button"
          title={t('search.hits.showInLibraryTitle')}
          data-testid="hits-show-in-library"
          onClick={() => context.showInLibrary(selectedIds)}
        >
          {t('search.hits.showInLibrary')}
        </button>
      </SelectionBar>
    </div>
  )
}

function hitIndexAt(target: Element): number | null {
  const hit = target.closest<HTMLElement>('[data-rank]')
  return hit ? Number(hit.dataset.rank) : null
}
