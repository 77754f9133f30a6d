import { useActiveDetector } from '../detector/useActiveDetector'
import { MapButton } from '../map/MapButton'
import { describeFilter, isFiltered, unfiltered, type LibraryQuery } from './libraryQuery'
import { SortControl } from './SortControl'
import { t } from '../i18n/t'

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
        {total === null ? '' : t('library.grid.count', { count: total })}
      </span>
      {isFiltered(query) && (
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="clear-filter"
          onClick={() => onQueryChange(unfiltered(query))}
        >
          {t('library.grid.clearFilter')}
        </button>
      )}
      {query.queue ? (
        <span
          className="queue-order"
          data-testid="queue-order"
          title={query.queue === 'labelNext' ? t('library.grid.labelNextOrder') : t('library.grid.labelErrorsOrder')}
        >
          {t('library.grid.queueOrder')}
        </span>
      ) : query.dicomSeries ? (
        // A series reads in instance and frame order; the only choice left is its direction.
        <button
          type="button"
          className="button button-ghost button-small"
          data-testid="series-order"
          data-descending={query.descending}
          title={t('library.grid.seriesOrderTitle')}
          onClick={() => onQueryChange({ ...query, descending: !query.descending })}
        >
          {t('library.grid.seriesOrder', { arrow: query.descending ? '↑' : '↓' })}
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
        placeholder={t('library.grid.nameSearch')}
        aria-label={t('library.grid.nameSearch')}
        title={t('library.grid.nameSearchTitle')}
        maxLength={500}
        data-testid="name-search"
        value={query.fileName ?? ''}
        onChange={(event) => onQueryChange({ ...query, fileName: event.target.value === '' ? undefined : event.target.value })}
      />
    </div>
  )
}
