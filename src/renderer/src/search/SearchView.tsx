import type { DragEvent } from 'react'
import type { ImageFilter } from '../../../shared/api/schemas'
import { screens } from '../screens/screens'
import { FullWindowView, type ViewTab } from '../ui/FullWindowView'
import { DuplicatesPane } from './DuplicatesPane'
import type { SearchParams, SearchTab } from './searchScreen'
import { SearchStatusLine } from './SearchStatusLine'
import { SimilarPane } from './SimilarPane'
import { useSearchStatus } from './useSearchStatus'
import '../ui/thumb.css'
import './search.css'

const TABS: ViewTab<SearchTab>[] = [
  { tab: 'similar', name: 'Similar images' },
  { tab: 'duplicates', name: 'Near-duplicates' },
]

/** Files dropped anywhere in the view are never imports: the similar-images pane takes them as questions. */
const keepDrop = (event: DragEvent) => {
  event.preventDefault()
  event.stopPropagation()
}

interface Props {
  params: SearchParams
  /** The library's label/status filter: searches stay within what the grid shows. */
  filter: ImageFilter
  /** Another screen (an image opened from a duplicate group) is over this one. */
  covered: boolean
}

/** Visual search over the whole window: similar images, and near-duplicates to clear out. Mounted while open. */
export function SearchView({ params: { tab = 'similar', subject = null }, filter, covered }: Props) {
  const { status, problem, refresh } = useSearchStatus()
  const ready = status !== null && status.modelProblem === null && status.indexed > 0

  return (
    <FullWindowView
      title="Visual search"
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
        {tab === 'similar' ? <SimilarPane subject={subject} filter={filter} ready={ready} /> : <DuplicatesPane ready={ready} />}
      </div>
    </FullWindowView>
  )
}
