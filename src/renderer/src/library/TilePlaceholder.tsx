export function TilePlaceholder() {
  return (
    <div className="tile tile-placeholder" aria-hidden="true" data-testid="tile-placeholder">
      <div className="thumb-frame tile-thumb" />
      <div className="tile-caption">
        <span className="placeholder-line" />
      </div>
    </div>
  )
}
