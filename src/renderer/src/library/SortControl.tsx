import { IMAGE_SORTS, type ImageSort } from '../../../shared/api/schemas'

const SORT_NAMES: Record<ImageSort, string> = { added: 'Date added', name: 'File name', size: 'File size' }

interface Props {
  sort: ImageSort
  descending: boolean
  onChange(sort: ImageSort, descending: boolean): void
}

export function SortControl({ sort, descending, onChange }: Props) {
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
        onChange={(event) => onChange(event.target.value as ImageSort, descending)}
      >
        {IMAGE_SORTS.map((option) => (
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
