import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { ImageFilter, SearchHit } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { looksLikeImageFile } from '../folders/paths'
import { pluralize } from '../format/numbers'
import { screens } from '../screens/screens'
import { previewUrlFor } from './filePreview'
import { HitGrid, type HitActionContext } from './HitGrid'
import { RegionPicker } from './RegionPicker'
import { searchSimilar } from './searchScreen'
import { fileToBase64, queryOf, subjectKey, type SearchSubject } from './subject'

const K_CHOICES = [12, 24, 48, 96, 200]

interface Props {
  subject: SearchSubject | null
  filter: ImageFilter
  /** False while there is no model or nothing indexed: searching could only fail. */
  ready: boolean
  /** The control saying which images are searched (see SearchScopeChoice). */
  scopeChoice: ReactNode
  hitContext: HitActionContext
}

type Results = { key: string; hits: SearchHit[] } | { key: string; error: string }

/** "Images like this": the question on the left (image, dropped file, pasted path or region), the answers on the right. */
export function SimilarPane({ subject, filter, ready, scopeChoice, hitContext }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const id = useId()
  const [k, setK] = useState(24)
  const [results, setResults] = useState<Results | null>(null)
  const [indexRevision, setIndexRevision] = useState(0)
  const [path, setPath] = useState('')
  const [dropping, setDropping] = useState(false)
  const [picking, setPicking] = useState<{ imageId: number; fileName: string; width: number; height: number } | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const latest = useRef(0)

  useClientEvent('search.indexChanged', () => setIndexRevision((n) => n + 1))
  useClientEvent('jobs.progress', (job) => {
    if (job.kind === 'index' && job.state === 'completed') setIndexRevision((n) => n + 1)
  })

  // "More like this" from the library knows only the image's id: its name and size (for regions) are looked up.
  const needsDetails = subject?.kind === 'image' && subject.width === undefined ? subject : null
  useEffect(() => {
    if (!needsDetails) return
    let current = true
    client.api.catalog.getImage({ id: needsDetails.imageId }).then(
      (image) => {
        if (current && screens.params('search')?.subject === needsDetails) {
          searchSimilar({ ...needsDetails, fileName: image.fileName, width: image.width, height: image.height })
        }
      },
      () => {},
    )
    return () => {
      current = false
    }
  }, [client, needsDetails])

  const key = subject ? JSON.stringify([subjectKey(subject), k, filter, indexRevision]) : ''
  useEffect(() => {
    if (!subject || !ready) return
    const request = ++latest.current
    const searchKey = key
    client.api.search.similar({ query: queryOf(subject), k, filter }).then(
      (hits) => {
        if (request === latest.current) setResults({ key: searchKey, hits })
      },
      (error: unknown) => {
        if (request === latest.current) setResults({ key: searchKey, error: error instanceof Error ? error.message : String(error) })
      },
    )
    // The key covers everything the search depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready, client])

  const searchFile = async (file: File) => {
    try {
      const bytesBase64 = await fileToBase64(file)
      searchSimilar({ kind: 'file', name: file.name, bytesBase64, previewUrl: previewUrlFor(file) })
    } catch (error) {
      reportError(error)
    }
  }

  const searching = subject !== null && ready && results?.key !== key
  const current = results?.key === key ? results : null

  return (
    <div
      className={dropping ? 'similar-pane is-dropping' : 'similar-pane'}
      data-testid="search-drop-zone"
      onDragEnter={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return
        event.stopPropagation()
        setDropping(true)
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return
        event.preventDefault()
        event.stopPropagation()
      }}
      onDragLeave={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return
        setDropping(false)
      }}
      onDrop={(event) => {
        // The window's own drop handler would import the file: here it is a question, not a new image.
        event.preventDefault()
        event.stopPropagation()
        setDropping(false)
        const file = Array.from(event.dataTransfer.files).find((f) => f.type.startsWith('image/') || looksLikeImageFile(f.name))
        if (file) void searchFile(file)
      }}
    >
      <aside className="search-query-pane">
        <h3 className="search-section-title">Looking for</h3>
        <QueryPreview
          subject={subject}
          onRegion={(image) => setPicking(image)}
          onClearRegion={() => subject?.kind === 'image' && searchSimilar({ ...subject, region: undefined })}
        />

        <div className="search-drop-hint">
          <span className="glyph glyph-image" aria-hidden="true" />
          <span>
            Drop an image here, or{' '}
            <button type="button" className="link-button" data-testid="search-choose-file" onClick={() => fileInput.current?.click()}>
              choose a file
            </button>
          </span>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            hidden
            data-testid="search-file-input"
            onChange={(event) => {
              const file = event.target.files?.[0]
              if (file) void searchFile(file)
              event.target.value = ''
            }}
          />
        </div>

        <form
          className="search-path-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (path.trim()) searchSimilar({ kind: 'path', path: path.trim() })
          }}
        >
          <label className="field-label" htmlFor={`${id}-path`}>
            Or an image file on this computer
          </label>
          <div className="search-path-row">
            <input
              id={`${id}-path`}
              className="text-input path-input"
              spellCheck={false}
              placeholder="/path/to/image.jpg"
              value={path}
              data-testid="search-path-input"
              onChange={(event) => setPath(event.target.value)}
            />
            <button type="submit" className="button" disabled={!path.trim()} data-testid="search-path-submit">
              Search
            </button>
          </div>
        </form>

        <div className="search-options">
          <label className="field-label" htmlFor={`${id}-k`}>
            Show
          </label>
          <select id={`${id}-k`} className="select" value={k} data-testid="search-k" onChange={(event) => setK(Number(event.target.value))}>
            {K_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice} closest
              </option>
            ))}
          </select>
        </div>
        {scopeChoice}
      </aside>

      <section className="search-results" aria-label="Results" aria-busy={searching} data-testid="search-results" data-state={searching ? 'searching' : current ? 'done' : 'idle'}>
        {!subject ? (
          <div className="search-empty">
            <p>Pick an image in the library and press M (or "More like this"), drop a file here, or paste a path.</p>
          </div>
        ) : !ready ? (
          <div className="search-empty">
            <p>Search is not ready yet: see above.</p>
          </div>
        ) : current && 'error' in current ? (
          <div className="search-empty search-problem" data-testid="search-error">
            <p>{current.error}</p>
          </div>
        ) : (
          <>
            <div className="search-results-head">
              {searching ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Searching…
                </>
              ) : current ? (
                <span data-testid="search-result-count" data-count={current.hits.length}>
                  {pluralize(current.hits.length, 'match', 'matches')}, most alike first
                </span>
              ) : null}
            </div>
            {current && current.hits.length === 0 && <p className="search-empty">Nothing indexed matches: index the catalogue, or search among all images.</p>}
            {current && current.hits.length > 0 && (
              <HitGrid
                hits={current.hits}
                resultsKey={current.key}
                context={hitContext}
                onRegion={(hit) => setPicking({ imageId: hit.id, fileName: hit.fileName, width: hit.width, height: hit.height })}
              />
            )}
          </>
        )}
      </section>

      {dropping && (
        <div className="search-drop-overlay" aria-hidden="true">
          Drop to search for images like this one
        </div>
      )}
      {picking && (
        <RegionPicker
          {...picking}
          onClose={() => setPicking(null)}
          onPick={(region) => {
            setPicking(null)
            searchSimilar({ kind: 'image', imageId: picking.imageId, fileName: picking.fileName, width: picking.width, height: picking.height, region })
          }}
        />
      )}
    </div>
  )
}

interface PreviewProps {
  subject: SearchSubject | null
  onRegion(image: { imageId: number; fileName: string; width: number; height: number }): void
  onClearRegion(): void
}

function QueryPreview({ subject, onRegion, onClearRegion }: PreviewProps) {
  const client = useClient()
  if (!subject) {
    return (
      <div className="query-preview is-empty" data-testid="search-query" data-kind="none">
        Nothing yet
      </div>
    )
  }
  if (subject.kind === 'image') {
    const region = subject.region
    const width = subject.width ?? 0
    const height = subject.height ?? 0
    return (
      <div className="query-card" data-testid="search-query" data-kind={region ? 'region' : 'image'} data-image-id={subject.imageId}>
        <div className="query-preview">
          <div className="query-frame">
            <img src={client.mediaUrl(region ? 'image' : 'thumb', subject.imageId)} alt="" draggable={false} />
            {region && width > 0 && height > 0 && (
              <div
                className="query-region"
                style={{
                  left: `${(region.x / width) * 100}%`,
                  top: `${(region.y / height) * 100}%`,
                  width: `${(region.width / width) * 100}%`,
                  height: `${(region.height / height) * 100}%`,
                }}
              />
            )}
          </div>
        </div>
        <div className="query-caption" title={subject.fileName}>
          {subject.fileName}
          {region && <span className="muted"> · region {region.width} × {region.height}</span>}
        </div>
        <div className="query-actions">
          <button type="button" className="button button-small" data-testid="query-region" onClick={() => onRegion({ imageId: subject.imageId, fileName: subject.fileName, width, height })}>
            {region ? 'Redraw region…' : 'Draw a region…'}
          </button>
          {region && (
            <button type="button" className="button button-small button-ghost" onClick={onClearRegion}>
              Whole image
            </button>
          )}
        </div>
      </div>
    )
  }
  if (subject.kind === 'file') {
    return (
      <div className="query-card" data-testid="search-query" data-kind="file">
        <div className="query-preview">
          <img src={subject.previewUrl} alt="" draggable={false} />
        </div>
        <div className="query-caption" title={subject.name}>
          {subject.name} <span className="muted">· dropped file</span>
        </div>
      </div>
    )
  }
  return (
    <div className="query-card" data-testid="search-query" data-kind="path">
      <div className="query-preview is-empty">
        <span className="glyph glyph-image" aria-hidden="true" />
      </div>
      <div className="query-caption mono" title={subject.path}>
        {subject.path}
      </div>
    </div>
  )
}
