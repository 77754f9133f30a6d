import { useActiveDetector } from '../detector/useActiveDetector'
import { pluralize } from '../format/numbers'
import { MapButton } from '../map/MapButton'
import { describeFilter, isFiltered, unfiltered, type LibraryQuery } from './libraryQuery'
import { SortControl } from './SortControl'

interface Props {
  query: LibraryQuery
  total: number | null
  /** The active classifier has predictions, so the library can sort by its confidence. */
  predictions: boolean
  /** There is an anomaly model, so the library can sort by anomaly score. */
  anomalyScores: boolean
  onQueryChange(query: LibraryQuery): void
}

export function GridToolbar({ query, total, predictions, anomalyScores, onQueryChange }: Props) {
  const detector = useActiveDetector()
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
          onClick={() => onQueryChange(unfiltered(query))}
        >
          Clear filter
        </button>
      )}
      {query.queue ? (
        <span
          className="queue-order"
          data-testid="queue-order"
          title={query.queue === 'labelNext' ? 'Most uncertain first, look-alikes spread apart' : 'Most confident disagreement first'}
        >
          In queue order
        </span>
      ) : query.dicomSeries ? (
        // A series reads in instance and frame order; the only choice left is its direction.
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="series-order"
          data-descending={query.descending}
          title="Images in instance and frame order; click to reverse"
          onClick={() => onQueryChange({ ...query, descending: !query.descending })}
        >
          In series order {query.descending ? '↑' : '↓'}
        </button>
      ) : (
        <SortControl
          sort={query.sort}
          descending={query.descending}
          withConfidence={predictions}
          withAnomaly={anomalyScores}
          withDetections={detector !== null}
          onChange={(sort, descending) => onQueryChange({ ...query, sort, descending })}
        />
      )}
      <MapButton empty={total === 0} small testId="library-map-button" />
      <input
        type="search"
        className="text-input name-search"
        placeholder="Search file names"
        aria-label="Search file names"
        title="Show only the images whose file name contains this text (upper and lower case alike)"
        maxLength={500}
        data-testid="name-search"
        value={query.fileName ?? ''}
        onChange={(event) => onQueryChange({ ...query, fileName: event.target.value === '' ? undefined : event.target.value })}
      />
    </div>
  )
}
