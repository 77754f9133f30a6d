import { useCallback, useEffect, useRef, useState } from 'react'
import type { BrowseListing } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { pluralize } from '../format/numbers'
import { PathText } from '../ui/PathText'

/** Folders of tens of thousands of images are common; listing them all would only slow the dialog down. */
const MAX_IMAGES_LISTED = 200
/** How long typing must pause before the browser follows the typed path. */
const FOLLOW_DELAY_MS = 250

interface Props {
  /** The path in the dialog's field ('' when there are several): the browser follows it when it names a folder. */
  path: string
  onChoose(path: string): void
}

/**
 * Browse the host's disk: clicking a folder opens it and chooses it, clicking an image chooses just that file, and
 * typing a folder's path in the field opens it here too. Starts at the services' default folder (home).
 */
export function FolderBrowser({ path, onChoose }: Props) {
  const client = useClient()
  const [listing, setListing] = useState<BrowseListing | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // Clicking through folders quickly must end in the last one clicked, whatever order the replies come back in.
  const latestRequest = useRef(0)

  /** Resolves to whether the folder could be listed; `quiet` keeps a half-typed path from flashing errors. */
  const open = useCallback(
    async (dir: string | undefined, quiet: boolean) => {
      const request = ++latestRequest.current
      try {
        const next = await client.api.files.browse(dir ? { dir } : {})
        if (request !== latestRequest.current) return true
        setListing(next)
        setProblem(null)
        return true
      } catch (error) {
        if (request === latestRequest.current && !quiet) setProblem(error instanceof Error ? error.message : String(error))
        return false
      }
    },
    [client],
  )

  const listedDir = listing?.dir
  useEffect(() => {
    const wanted = path.trim()
    if (listedDir !== undefined && (wanted === '' || wanted === listedDir)) return
    const timer = setTimeout(
      async () => {
        const opened = wanted !== '' && (await open(wanted, true))
        if (!opened && listedDir === undefined) await open(undefined, false)
      },
      listedDir === undefined ? 0 : FOLLOW_DELAY_MS,
    )
    return () => clearTimeout(timer)
  }, [open, path, listedDir])

  const navigate = (dir: string) => {
    void open(dir, false)
    onChoose(dir)
  }

  const dirs = listing?.entries.filter((entry) => entry.kind === 'dir') ?? []
  const images = listing?.entries.filter((entry) => entry.kind === 'image') ?? []

  return (
    <div className="folder-browser" data-testid="folder-browser">
      <div className="browser-header">
        <button
          type="button"
          className="icon-button"
          aria-label="Parent folder"
          title="Parent folder"
          disabled={!listing?.parent}
          data-testid="browse-parent"
          onClick={() => listing?.parent && navigate(listing.parent)}
        >
          <span className="glyph glyph-arrow-up" aria-hidden="true" />
        </button>
        <PathText className="browser-dir" testId="browse-dir" path={listing?.dir ?? 'Loading…'} />
      </div>
      {problem && <p className="browser-problem">{problem}</p>}
      <ul className="browser-entries">
        {dirs.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="browser-entry" data-testid="browse-entry" data-kind="dir" onClick={() => navigate(entry.path)}>
              <span className="glyph glyph-folder" aria-hidden="true" />
              {entry.name}
            </button>
          </li>
        ))}
        {images.slice(0, MAX_IMAGES_LISTED).map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={entry.path === path.trim() ? 'browser-entry is-chosen' : 'browser-entry'}
              data-testid="browse-entry"
              data-kind="image"
              onClick={() => onChoose(entry.path)}
            >
              <span className="glyph glyph-image" aria-hidden="true" />
              {entry.name}
            </button>
          </li>
        ))}
        {listing && listing.entries.length === 0 && <li className="browser-empty">This folder is empty.</li>}
      </ul>
      {listing && (
        <div className="browser-footer">
          {pluralize(dirs.length, 'folder')} · {pluralize(images.length, 'image')}
          {images.length > MAX_IMAGES_LISTED && ` (first ${MAX_IMAGES_LISTED} listed)`}
        </div>
      )}
    </div>
  )
}
