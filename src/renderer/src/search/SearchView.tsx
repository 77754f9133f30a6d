import { useEffect, useRef } from 'react'
import { DuplicatesPane } from './DuplicatesPane'
import { searchStore, useSearchState } from './searchStore'
import { SearchStatusLine } from './SearchStatusLine'
import { SimilarPane } from './SimilarPane'
import { useSearchStatus } from './useSearchStatus'
import './search.css'

/** Visual search over the whole window: similar images, and near-duplicates to clear out. Mounted while open. */
export function SearchView() {
  const { tab, subject, filter } = useSearchState()
  const { status, problem, refresh } = useSearchStatus()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const ready = status !== null && status.modelProblem === null && status.indexed > 0

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  return (
    <dialog
      ref={dialogRef}
      className="search-view"
      aria-label="Visual search"
      data-testid="search-view"
      // Focus starts on the view itself, not its first tab.
      autoFocus
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault()
        searchStore.close()
      }}
      // The library's shortcuts listen on the window; keys pressed in here are the search view's.
      onKeyDown={(event) => event.stopPropagation()}
      // Files dropped anywhere in here are never imports: the similar-images pane takes them as questions.
      onDragEnter={(event) => event.stopPropagation()}
      onDragOver={(event) => {
        event.preventDefault()
        event.stopPropagation()
      }}
      onDrop={(event) => {
        event.preventDefault()
        event.stopPropagation()
      }}
    >
      <header className="search-header">
        <h2 className="search-title">Visual search</h2>
        <div className="search-tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'similar'}
            className={tab === 'similar' ? 'search-tab is-active' : 'search-tab'}
            data-testid="search-tab-similar"
            onClick={() => searchStore.setTab('similar')}
          >
            Similar images
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'duplicates'}
            className={tab === 'duplicates' ? 'search-tab is-active' : 'search-tab'}
            data-testid="search-tab-duplicates"
            onClick={() => searchStore.setTab('duplicates')}
          >
            Near-duplicates
          </button>
        </div>
        <button type="button" className="icon-button search-close" aria-label="Close search (Esc)" title="Close search (Esc)" data-testid="search-close" onClick={searchStore.close}>
          ×
        </button>
      </header>
      <SearchStatusLine status={status} problem={problem} onChanged={refresh} />
      <div className="search-body">
        {tab === 'similar' ? <SimilarPane subject={subject} filter={filter} ready={ready} /> : <DuplicatesPane ready={ready} />}
      </div>
    </dialog>
  )
}
