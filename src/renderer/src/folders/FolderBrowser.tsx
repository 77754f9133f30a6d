import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { BrowseListing } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { PathText } from '../ui/PathText'
import { looksLikeImageFile, looksLikeJsonFile, looksLikeModelFile, parentOf } from './paths'
import './folderBrowser.css'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

/** Folders of tens of thousands of images are common; listing them all would only slow the dialog down. */
const MAX_FILES_LISTED = 200
/** How long typing must pause before the browser follows the typed path. */
const FOLLOW_DELAY_MS = 250

type Entry = BrowseListing['entries'][number]

/** Which files the browser lists beside folders, and lets the person choose: none when a folder is wanted. */
export type BrowsedFiles = 'images' | 'json' | 'models' | 'none'

/** The footer's count of what is listed: folders, and the files the browser offers beside them. */
const FOOTERS: Record<BrowsedFiles, MessageKey> = {
  images: 'folders.footer.images',
  json: 'folders.footer.json',
  models: 'folders.footer.models',
  none: 'folders.footer.folders',
}

/**
 * JSON files are told apart by name: the host lists them (with a kind of their own) only once it is asked to, and
 * until then there are simply none to show.
 */
const isJsonEntry = (entry: Entry) => entry.kind !== 'dir' && entry.kind !== 'image' && looksLikeJsonFile(entry.name)

const EMPTY_MESSAGES: Record<BrowsedFiles, MessageKey> = {
  images: 'folders.empty.images',
  json: 'folders.empty.json',
  models: 'folders.empty.models',
  none: 'folders.empty.none',
}

const FILE_FILTERS: Record<BrowsedFiles, (entry: Entry) => boolean> = {
  images: (entry) => entry.kind === 'image',
  json: isJsonEntry,
  models: (entry) => entry.kind === 'model',
  none: () => false,
}

const looksLikeFile = (path: string) => looksLikeImageFile(path) || looksLikeJsonFile(path) || looksLikeModelFile(path)

interface Props {
  /** The path in the field the browser serves ('' when there is none): the browser follows it when it names a folder. */
  path: string
  onChoose(path: string): void
  /** Default 'images'. */
  files?: BrowsedFiles
  /** Whether opening a folder also chooses it (default), or only shows what is inside, as when a file is wanted. */
  chooseFolders?: boolean
  /** Every folder the browser shows, once it is listed. */
  onListed?(dir: string): void
}

/**
 * Browse the host's disk: clicking a folder opens it (and chooses it), clicking a file chooses just that file, and
 * typing a path in the field opens it here too. Starts at the services' default folder (home).
 */
export function FolderBrowser({ path, onChoose, files = 'images', chooseFolders = true, onListed }: Props) {
  const client = useClient()
  const [listing, setListing] = useState<BrowseListing | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // Clicking through folders quickly must end in the last one clicked, whatever order the replies come back in.
  const latestRequest = useRef(0)
  // The field's path the browser last went to: it follows the field when that changes, and otherwise stays put.
  const followed = useRef<string | null>(null)
  const listedDir = useRef<string | null>(null)
  const listed = useRef(onListed)
  useLayoutEffect(() => {
    listed.current = onListed
  })

  /** Resolves to whether the folder could be listed; `quiet` keeps a half-typed path from flashing errors. */
  const open = useCallback(
    async (dir: string | undefined, quiet: boolean) => {
      const request = ++latestRequest.current
      try {
        const next = await client.api.files.browse(dir ? { dir } : {})
        if (request !== latestRequest.current) return true
        listedDir.current = next.dir
        setListing(next)
        setProblem(null)
        listed.current?.(next.dir)
        return true
      } catch (error) {
        if (request === latestRequest.current && !quiet) setProblem(error instanceof Error ? error.message : String(error))
        return false
      }
    },
    [client],
  )

  useEffect(() => {
    const wanted = path.trim()
    if (wanted === followed.current) return
    if (wanted !== '' && wanted === listedDir.current) {
      followed.current = wanted
      return
    }
    const first = followed.current === null
    const timer = setTimeout(
      async () => {
        followed.current = wanted
        // A chosen file is shown in its folder.
        const opened =
          wanted !== '' && ((await open(wanted, true)) || (looksLikeFile(wanted) && (await open(parentOf(wanted), true))))
        if (!opened && first) await open(undefined, false)
      },
      first ? 0 : FOLLOW_DELAY_MS,
    )
    return () => clearTimeout(timer)
  }, [open, path])

  const navigate = (dir: string) => {
    void open(dir, false)
    if (!chooseFolders) return
    // Already on its way there: the field's change that follows needs no second visit.
    followed.current = dir
    onChoose(dir)
  }

  const dirs = listing?.entries.filter((entry) => entry.kind === 'dir') ?? []
  const wantsFile = FILE_FILTERS[files]
  const shown = listing?.entries.filter(wantsFile) ?? []
  const fileKind = files === 'json' ? 'json' : files === 'models' ? 'model' : 'image'

  return (
    <div className="folder-browser" data-testid="folder-browser" data-files={files}>
      <div className="browser-header">
        <button
          type="button"
          className="icon-button"
          aria-label={t('folders.parent')}
          title={t('folders.parent')}
          disabled={!listing?.parent}
          data-testid="browse-parent"
          onClick={() => listing?.parent && navigate(listing.parent)}
        >
          <span className="glyph glyph-arrow-up" aria-hidden="true" />
        </button>
        <PathText className="browser-dir" testId="browse-dir" path={listing?.dir ?? t('folders.loading')} />
      </div>
      {problem && <p className="browser-problem">{problem}</p>}
      <ul className="browser-entries">
        {dirs.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={chooseFolders && entry.path === path.trim() ? 'browser-entry is-chosen' : 'browser-entry'}
              data-testid="browse-entry"
              data-kind="dir"
              onClick={() => navigate(entry.path)}
            >
              <span className="glyph glyph-folder" aria-hidden="true" />
              {entry.name}
            </button>
          </li>
        ))}
        {shown.slice(0, MAX_FILES_LISTED).map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={entry.path === path.trim() ? 'browser-entry is-chosen' : 'browser-entry'}
              data-testid="browse-entry"
              data-kind={fileKind}
              onClick={() => onChoose(entry.path)}
            >
              <span className={files === 'images' ? 'glyph glyph-image' : 'glyph glyph-file'} aria-hidden="true" />
              {entry.name}
            </button>
          </li>
        ))}
        {listing && dirs.length + shown.length === 0 && (
          <li className="browser-empty">{t(EMPTY_MESSAGES[files])}</li>
        )}
      </ul>
      {listing && (
        <div className="browser-footer">
          {t(FOOTERS[files], { folders: dirs.length, files: shown.length })}
          {shown.length > MAX_FILES_LISTED && t('folders.footer.firstListed', { count: MAX_FILES_LISTED })}
        </div>
      )}
    </div>
  )
}
