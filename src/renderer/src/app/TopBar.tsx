import { useState, type ReactNode } from 'react'
import { ExportDialog, type LibraryFilter } from '../exports/ExportDialog'
import { pluralize } from '../format/numbers'
import { LanguageSwitch } from '../i18n/LanguageSwitch'
import { IndexingStatus } from '../indexing/IndexingStatus'
import { MapButton } from '../map/MapButton'
import { screens } from '../screens/screens'
import { ThemeSwitch } from '../theme/ThemeSwitch'
import { PathText } from '../ui/PathText'
import './app.css'

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
        <span className="brand-name">Loupe</span>
      </div>
      <PathText className="workspace" testId="workspace-path" path={workspacePath ?? ''} />
      <div className="top-bar-end">
        <IndexingStatus />
        <ThemeSwitch />
        <LanguageSwitch />
        <span className="image-count" data-testid="image-count" data-count={imageCount ?? ''}>
          {imageCount === null ? '' : pluralize(imageCount, 'image')}
        </span>
        <LibraryButton empty={empty} emptyTitle="Nothing to search yet" title="Find images that look alike, and near-duplicates" testId="search-button" onClick={() => screens.open('search')}>
          Search…
        </LibraryButton>
        <MapButton empty={empty} testId="map-button" />
        <LibraryButton
          empty={empty}
          emptyTitle="Nothing to train on yet"
          title="Train a classifier on the labels, evaluate its versions, pre-label with the detector"
          testId="train-button"
          onClick={() => screens.open('training')}
        >
          Train…
        </LibraryButton>
        <LibraryButton
          empty={empty}
          emptyTitle="Nothing to detect in yet"
          title="Train a box detector on your own boxes, evaluate its versions, find its boxes across the library"
          testId="detector-button"
          onClick={() => screens.open('detector')}
        >
          Detector…
        </LibraryButton>
        <LibraryButton
          empty={empty}
          emptyTitle="Nothing to inspect yet"
          title="Learn what good parts look like, find the anomalous ones, manage anomaly models and their thresholds"
          testId="anomaly-button"
          onClick={() => screens.open('anomaly', { goodImageIds: null })}
        >
          Anomaly…
        </LibraryButton>
        <LibraryButton empty={empty} emptyTitle="Nothing to export yet" title="Export the library as COCO, YOLO, Pascal VOC or folders" testId="export-button" onClick={() => setExporting(true)}>
          Export…
        </LibraryButton>
        <button type="button" className="button button-primary" data-testid="import-button" onClick={onImport}>
          <span className="glyph glyph-plus" aria-hidden="true" />
          Import
        </button>
      </div>
      {exporting && <ExportDialog imageCount={imageCount} selection={selection} libraryFilter={libraryFilter} onClose={() => setExporting(false)} />}
    </header>
  )
}

interface LibraryButtonProps {
  /** With no images there is nothing to work on: the button is off and its title says why. */
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
    <button type="button" className="button" disabled={empty} title={empty ? `${emptyTitle}: import some images first` : title} data-testid={testId} onClick={onClick}>
      {children}
    </button>
  )
}
