import { IMAGE_SORTS, LIST_SORTS, type ListSort } from '../../../shared/api/schemas'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

const SORT_NAMES: Record<ListSort, MessageKey> = {
  added: 'library.sort.added',
  name: 'library.sort.name',
  size: 'library.sort.size',
  confidence: 'library.sort.confidence',
  anomaly: 'library.sort.anomaly',
  detection: 'library.sort.detection',
}

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
        {t('library.sort.label')}
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
            {t(SORT_NAMES[option])}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button sort-direction"
        data-testid="sort-direction"
        data-descending={descending}
        aria-label={descending ? t('library.sort.descendingSwitch') : t('library.sort.ascendingSwitch')}
        title={descending ? t('library.sort.descending') : t('library.sort.ascending')}
        onClick={() => onChange(sort, !descending)}
      >
        <span className={descending ? 'glyph glyph-arrow-down' : 'glyph glyph-arrow-up'} aria-hidden="true" />
      </button>
    </div>
  )
}
