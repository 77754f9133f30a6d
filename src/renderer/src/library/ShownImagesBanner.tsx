import { shownImages, type LibraryQuery } from './libraryQuery'
import { t } from '../i18n/t'

interface Props {
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/** Says that the grid holds only the images a search or an evaluation sent here, and lets the rest of the library back in. */
export function ShownImagesBanner({ query, onQueryChange }: Props) {
  if (!query.imageIds) return null
  return (
    <div className="shown-images-banner" role="status" data-testid="shown-images-banner" data-count={query.imageIds.length}>
      <span>{t('library.shown.banner', { images: shownImages(query.imageIds, query.shownFrom) })}</span>
      <button
        type="button"
        className="button button-small"
        data-testid="shown-images-clear"
        onClick={() => onQueryChange({ ...query, imageIds: undefined, shownFrom: undefined })}
      >
        {t('library.shown.clear')}
      </button>
    </div>
  )
}
