import './imports.css'

export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-target">
        <span className="glyph glyph-folder drop-icon" />
        Drop folders or images to import them
      </div>
    </div>
  )
}
