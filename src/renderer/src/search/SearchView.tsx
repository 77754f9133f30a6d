import type { DragEvent } from 'react'
import type { ImageFilter, Label } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { describeFilter, isFiltered } from '../library/libraryQuery'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'
import { FullWindowView, type ViewTab } from '../ui/FullWindowView'
import { DuplicatesPane } from './DuplicatesPane'
import type { HitActionContext } from './HitGrid'
import { SearchScopeChoice } from './SearchScopeChoice'
import type { SearchParams, SearchTab } from './searchScreen'
import { SearchStatusLine } from './SearchStatusLine'
import { SimilarPane } from './SimilarPane'
import { useSearchStatus } from './useSearchStatus'
import '../ui/thumb.css'
import './search.css'

const TABS: ViewTab<SearchTab>[] = [
  { tab: 'similar', name: t('search.view.tab.similar') },
  { tab: 'duplicates', name: t('search.view.tab.duplicates') },
]

const EVERY_IMAGE: ImageFilter = {}

/** Files dropped anywhere in the view are never imports: the similar-images pane takes them as questions. */
const keepDrop = (event: DragEvent) => {
  event.preventDefault()
  event.stopPropagation()
}

interface Props {
  params: SearchParams
  /** The library under the view: its filter can be the search's scope, and hits can be shown in it. */
  library: LibraryView
  labels: readonly Label[]
  /** An image classifier is active: its predictions can be accepted as labels. */
  predictions: boolean
  /** A screen opened over this one (a hit in the annotation workspace): the view steps aside until it closes. */
  covered: boolean
}

/** Visual search over the whole window: similar images, and near-duplicates to clear out. Mounted while open. */
export function SearchView({ params: { tab = 'similar', subject = null, scope = 'all' }, library, labels, predictions, covered }: Props) {
  const { status, problem, refresh } = useSearchStatus()
  const ready = status !== null && status.modelProblem === null && status.indexed > 0
  // Searching within the library's filter means nothing while the library shows every image.
  const libraryFilter = isFiltered(library.query) ? describeFilter(library.query) : null
  const shownScope = libraryFilter === null ? 'all' : scope
  const hitContext: HitActionContext = {
    labels,
    predictions,
    showInLibrary: (imageIds) => {
      library.showImages(imageIds, t('search.shownFrom'))
      screens.close('search')
    },
  }

  return (
    <FullWindowView
      title={t('search.view.title')}
      className="search-view"
      testId="search"
      tabs={TABS}
      tab={tab}
      onTab={(next) => screens.update('search', { tab: next })}
      onClose={() => screens.close('search')}
      stepsAside={covered}
      onDragEnter={(event) => event.stopPropagation()}
      onDragOver={keepDrop}
      onDrop={keepDrop}
    >
      <SearchStatusLine status={status} problem={problem} onChanged={refresh} />
      <div className="search-body">
        {tab === 'similar' ? (
          <SimilarPane
            subject={subject}
            filter={shownScope === 'library' ? library.filter : EVERY_IMAGE}
            ready={ready}
            scopeChoice={<SearchScopeChoice scope={shownScope} libraryFilter={libraryFilter} onChange={(next) => screens.update('search', { scope: next })} />}
            hitContext={hitContext}
          />
        ) : (
          <DuplicatesPane ready={ready} />
        )}
      </div>
    </FullWindowView>
  )
}
