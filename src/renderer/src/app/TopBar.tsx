import { useState } from 'react'
import { ExportDialog } from '../exports/ExportDialog'
import { pluralize } from '../format/numbers'
import { screens } from '../screens/screens'
import { PathText } from '../ui/PathText'
import './app.css'

interface Props {
  workspacePath: string | null
  imageCount: number | null
  onImport(): void
}

export function TopBar({ workspacePath, imageCount, onImport }: Props) {
  // The export dialog is the top bar's own: it needs nothing from the library but how many images there are.
  const [exporting, setExporting] = useState(false)
  const empty = imageCount === 0
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Loupe</span>
      </div>
      <PathText className="workspace" testId="workspace-path" path={workspacePath ?? ''} />
      <div className="top-bar-end">
        <span className="image-count" data-testid="image-count" data-count={imageCount ?? ''}>
          {imageCount === null ? '' : pluralize(imageCount, 'image')}
        </span>
        <button
          type="button"
          className="button"
          disabled={empty}
          title={empty ? 'Nothing to search yet: import some images first' : 'Find images that look alike, and near-duplicates'}
          data-testid="search-button"
          onClick={() => screens.open('search')}
        >
          Search…
        </button>
        <button
          type="button"
          className="button"
          disabled={empty}
          title={empty ? 'Nothing to train on yet: import some images first' : 'Train a classifier on the labels, evaluate its versions, pre-label with the detector'}
          data-testid="train-button"
          onClick={() => screens.open('training')}
        >
          Train…
        </button>
        <button
          type="button"
          className="button"
          disabled={empty}
          title={empty ? 'Nothing to export yet: import some images first' : 'Export the library as COCO, YOLO, Pascal VOC or folders'}
          data-testid="export-button"
          onClick={() => setExporting(true)}
        >
          Export…
        </button>
        <button type="button" className="button button-primary" data-testid="import-button" onClick={onImport}>
          <span className="glyph glyph-plus" aria-hidden="true" />
          Import
        </button>
      </div>
      {exporting && <ExportDialog imageCount={imageCount} onClose={() => setExporting(false)} />}
    </header>
  )
}
