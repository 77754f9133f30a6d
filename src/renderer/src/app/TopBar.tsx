import { pluralize } from '../format/numbers'
import { PathText } from '../ui/PathText'
import './app.css'

interface Props {
  workspacePath: string | null
  imageCount: number | null
  onImport(): void
}

export function TopBar({ workspacePath, imageCount, onImport }: Props) {
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
        <button type="button" className="button button-primary" data-testid="import-button" onClick={onImport}>
          <span className="glyph glyph-plus" aria-hidden="true" />
          Import
        </button>
      </div>
    </header>
  )
}
