import { pluralize } from '../format/numbers'
import type { LibraryQuery } from './libraryQuery'

interface Props {
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/** Says that the grid holds only the images a search sent here, and lets the rest of the library back in. */
export function ShownImagesBanner({ query, onQueryChange }: Props) {
  if (!query.imageIds) return null
  return (
    <div className="shown-images-banner" role="status" data-testid="shown-images-banner" data-count={query.imageIds.length}>
      <span>Showing {pluralize(query.imageIds.length, 'image')} from search</span>
      <button
        type="button"
        className="button button-small"
        data-testid="shown-images-clear"
        onClick={() => onQueryChange({ ...query, imageIds: undefined })}
      >
        Clear
      </button>
    </div>
  )
}
