import { pluralize } from '../format/numbers'
import { describeFilter, isFiltered, type LibraryQuery } from './libraryQuery'
import { SortControl } from './SortControl'

interface Props {
  query: LibraryQuery
  total: number | null
  onQueryChange(query: LibraryQuery): void
}

export function GridToolbar({ query, total, onQueryChange }: Props) {
  return (
    <div className="grid-toolbar">
      <h1 className="grid-title" data-testid="grid-title">
        {describeFilter(query)}
      </h1>
      <span className="grid-count" data-testid="grid-count" data-count={total ?? ''}>
        {total === null ? '' : pluralize(total, 'image')}
      </span>
      {isFiltered(query) && (
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="clear-filter"
          onClick={() => onQueryChange({ ...query, label: undefined, status: undefined })}
        >
          Clear filter
        </button>
      )}
      <SortControl
        sort={query.sort}
        descending={query.descending}
        onChange={(sort, descending) => onQueryChange({ ...query, sort, descending })}
      />
    </div>
  )
}
