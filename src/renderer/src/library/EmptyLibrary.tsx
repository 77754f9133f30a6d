import { t } from '../i18n/t'
interface Props {
  filtered: boolean
  onImport(): void
  onClearFilter(): void
}

/** What an empty grid says: an invitation to import, or that the filter matches nothing. */
export function EmptyLibrary({ filtered, onImport, onClearFilter }: Props) {
  if (filtered) {
    return (
      <div className="empty-state" data-testid="empty-filter">
        <h2>{t('library.empty.noMatch')}</h2>
        <p>{t('library.empty.noMatchHint')}</p>
        <button type="button" className="button" onClick={onClearFilter}>
          {t('library.empty.showAll')}
        </button>
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="empty-library">
      <span className="empty-illustration" aria-hidden="true" />
      <h2>{t('library.empty.title')}</h2>
      <p>{t('library.empty.hint')}</p>
      <button type="button" className="button button-primary" onClick={onImport}>
        {t('library.empty.import')}
      </button>
      <p className="empty-hint">{t('library.empty.dropHint')}</p>
    </div>
  )
}
