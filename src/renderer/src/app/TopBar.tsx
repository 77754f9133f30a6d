import { useState, type ReactNode } from 'react'
import { ExportDialog, type LibraryFilter } from '../exports/ExportDialog'
import { LanguageSwitch } from '../i18n/LanguageSwitch'
import { IndexingStatus } from '../indexing/IndexingStatus'
import { MapButton } from '../map/MapButton'
import { screens } from '../screens/screens'
import { ThemeSwitch } from '../theme/ThemeSwitch'
import { PathText } from '../ui/PathText'
import './app.css'
import { t } from '../i18n/t'

interface Props {
  workspacePath: string | null
  imageCount: number | null
  /** What the library has selected and what its filter shows, which the export can be limited to. */
  selection: ReadonlySet<number>
  libraryFilter: LibraryFilter | null
  onImport(): void
}

export function TopBar({ workspacePath, imageCount, selection, libraryFilter, onImport }: Props) {
  // The export dialog is the top bar's own: it needs from the library only its counts, selection and filter.
  const [exporting, setExporting] = useState(false)
  const empty = imageCount === 0
  return (
    <header className="top-bar" data-testid="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {/* i18n-exempt: the product’s name, the same in every language */}
        <span className="brand-name">Loupe</span>
      </div>
      <PathText className="workspace" testId="workspace-path" path={workspacePath ?? ''} />
      <div className="top-bar-end">
        <IndexingStatus />
        <ThemeSwitch />
        <LanguageSwitch />
        <span className="image-count" data-testid="image-count" data-count={imageCount ?? ''}>
          {imageCount === null ? '' : t('app.imageCount', { count: imageCount })}
        </span>
        <LibraryButton empty={empty} emptyTitle={t('app.search.empty')} title={t('app.search.title')} testId="search-button" onClick={() => screens.open('search')}>
          {t('app.search.button')}
        </LibraryButton>
        <MapButton empty={empty} testId="map-button" />
        <LibraryButton
          empty={empty}
          emptyTitle={t('app.train.empty')}
          title={t('app.train.title')}
          testId="train-button"
          onClick={() => screens.open('training')}
        >
          {t('app.train.button')}
        </LibraryButton>
        <LibraryButton
          empty={empty}
          emptyTitle={t('app.detector.empty')}
          title={t('app.detector.title')}
          testId="detector-button"
          onClick={() => screens.open('detector')}
        >
          {t('app.detector.button')}
        </LibraryButton>
        <LibraryButton
          empty={empty}
          emptyTitle={t('app.anomaly.empty')}
          title={t('app.anomaly.title')}
          testId="anomaly-button"
          onClick={() => screens.open('anomaly', { goodImageIds: null })}
        >
          {t('app.anomaly.button')}
        </LibraryButton>
        <LibraryButton empty={empty} emptyTitle={t('app.export.empty')} title={t('app.export.title')} testId="export-button" onClick={() => setExporting(true)}>
          {t('app.export.button')}
        </LibraryButton>
        <button type="button" className="button button-primary" data-testid="import-button" onClick={onImport}>
          <span className="glyph glyph-plus" aria-hidden="true" />
          {t('app.import')}
        </button>
      </div>
      {exporting && <ExportDialog imageCount={imageCount} selection={selection} libraryFilter={libraryFilter} onClose={() => setExporting(false)} />}
    </header>
  )
}

interface LibraryButtonProps {
  /** With no images there is nothing to work on: the button is off and its title (emptyTitle) says why. */
  empty: boolean
  emptyTitle: string
  title: string
  testId: string
  onClick(): void
  children: ReactNode
}

/** A top-bar button for work on the library's images. */
function LibraryButton({ empty, emptyTitle, title, testId, onClick, children }: LibraryButtonProps) {
  return (
    <button type="button" className="button" disabled={empty} title={empty ? emptyTitle : title} data-testid={testId} onClick={onClick}>
      {children}
    </button>
  )
}
