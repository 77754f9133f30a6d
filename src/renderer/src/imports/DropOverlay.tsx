import './imports.css'
import { t } from '../i18n/t'

export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-target">
        <span className="glyph glyph-folder drop-icon" />
        {t('imports.drop.hint')}
      </div>
    </div>
  )
}
