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
        <h2>No images match</h2>
        <p>Nothing in the library matches these filters yet.</p>
        <button type="button" className="button" onClick={onClearFilter}>
          Show all images
        </button>
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="empty-library">
      <span className="empty-illustration" aria-hidden="true" />
      <h2>Your library is empty</h2>
      <p>Import a folder of images to start labelling. Folder names can become labels.</p>
      <button type="button" className="button button-primary" onClick={onImport}>
        Import images…
      </button>
      <p className="empty-hint">In the desktop app you can also drop folders onto this window.</p>
    </div>
  )
}
