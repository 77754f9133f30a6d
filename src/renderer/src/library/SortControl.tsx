import { IMAGE_SORTS, LIST_SORTS, type ListSort } from '../../../shared/api/schemas'

const SORT_NAMES: Record<ListSort, string> = { added: 'Date added', name: 'File name', size: 'File size', confidence: 'Confidence', anomaly: 'Anomaly score', detection: 'Detection score' }

interface Props {
  sort: ListSort
  descending: boolean
  /** Offer sorting by the classifier's confidence (there are predictions to sort by). */
  withConfidence: boolean
  /** Offer sorting by anomaly score (there is an anomaly model). */
  withAnomaly: boolean
  /** Offer sorting by detection score (there is an active box detector). */
  withDetections: boolean
  onChange(sort: ListSort, descending: boolean): void
}

export function SortControl({ sort, descending, withConfidence, withAnomaly, withDetections, onChange }: Props) {
  // A query already sorted by confidence or score keeps that option, so the select never shows a value it does not list.
  const options = LIST_SORTS.filter(
    (option) =>
      (IMAGE_SORTS as readonly ListSort[]).includes(option) ||
      (option === 'confidence' && (withConfidence || sort === 'confidence')) ||
      (option === 'anomaly' && (withAnomaly || sort === 'anomaly')) ||
      (option === 'detection' && (withDetections || sort === 'detection')),
  )
  return (
    <div className="sort-control">
      <label className="sort-label" htmlFor="sort-field">
        Sort
      </label>
      <select
        id="sort-field"
        className="select"
        value={sort}
        data-testid="sort-field"
        onChange={(event) => onChange(event.target.value as ListSort, descending)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {SORT_NAMES[option]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button sort-direction"
        data-testid="sort-direction"
        data-descending={descending}
        aria-label={descending ? 'Descending; switch to ascending' : 'Ascending; switch to descending'}
        title={descending ? 'Descending' : 'Ascending'}
        onClick={() => onChange(sort, !descending)}
      >
        <span className={descending ? 'glyph glyph-arrow-down' : 'glyph glyph-arrow-up'} aria-hidden="true" />
      </button>
    </div>
  )
}
