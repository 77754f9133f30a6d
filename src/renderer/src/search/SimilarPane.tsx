import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { ImageFilter, SearchHit } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { looksLikeImageFile } from '../folders/paths'
import { t, tRich } from '../i18n/t'
import { screens } from '../screens/screens'
import { pictureSize, previewUrlFor } from './filePreview'
import { HitGrid, type HitActionContext } from './HitGrid'
import { pickerImageOf, type Picking } from './picking'
import { QueryPreview } from './QueryPreview'
import { RegionPicker } from './RegionPicker'
import { searchSimilar } from './searchScreen'
import { fileToBase64, queryOf, subjectKey, type SearchSubject } from './subject'

const K_CHOICES = [12, 24, 48, 96, 200]

/** The drag's type when it carries files from the system. */
const FILES = 'Files' // i18n-exempt: a DataTransfer type

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
  const [pathCheck, setPathCheck] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const [dropping, setDropping] = useState(false)
  const [picking, setPicking] = useState<Picking | null>(null)
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
      const previewUrl = previewUrlFor(file)
      searchSimilar({ kind: 'file', name: file.name, bytesBase64, previewUrl, ...(await pictureSize(previewUrl)) })
    } catch (error) {
      reportError(error)
    }
  }

  // A typed path is shown (or refused with why) before it is searched by.
  const previewPath = (typed: string) => {
    setPathCheck({ busy: true, error: null })
    client.api.files.preview({ path: typed }).then(
      ({ path: shownPath, width, height, webpBase64 }) => {
        setPathCheck({ busy: false, error: null })
        searchSimilar({ kind: 'path', path: shownPath, previewUrl: `data:image/webp;base64,${webpBase64}` /* i18n-exempt: a data URL */, width, height })
      },
      (error: unknown) => setPathCheck({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    )
  }

  const searching = subject !== null && ready && results?.key !== key
  const current = results?.key === key ? results : null

  return (
    <div
      className={dropping ? 'similar-pane is-dropping' : 'similar-pane'}
      data-testid="search-drop-zone"
      onDragEnter={(event) => {
        if (!event.dataTransfer.types.includes(FILES)) return
        event.stopPropagation()
        setDropping(true)
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(FILES)) return
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
        <h3 className="search-section-title">{t('search.similar.lookingFor')}</h3>
        <QueryPreview
          subject={subject}
          onRegion={(image) => setPicking(image)}
          onClearRegion={() => subject && searchSimilar({ ...subject, region: undefined })}
        />

        <div className="search-drop-hint">
          <span className="glyph glyph-image" aria-hidden="true" />
          <span>
            {tRich('search.similar.drop', {
              choose: (chunks) => (
                <button key="choose" type="button" className="link-button" data-testid="search-choose-file" onClick={() => fileInput.current?.click()}>
                  {chunks}
                </button>
              ),
            })}
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
            if (path.trim()) previewPath(path.trim())
          }}
        >
          <label className="field-label" htmlFor={`${id}-path`}>
            {t('search.similar.pathLabel')}
          </label>
          <div className="search-path-row">
            <input
              id={`${id}-path`}
              className="text-input path-input"
              spellCheck={false}
              // i18n-exempt: an example path
              placeholder="/path/to/image.jpg"
              value={path}
              data-testid="search-path-input"
              onChange={(event) => {
                setPath(event.target.value)
                setPathCheck({ busy: false, error: null })
              }}
            />
            <button type="submit" className="button" disabled={!path.trim() || pathCheck.busy} data-testid="search-path-submit">
              {t('search.similar.search')}
            </button>
          </div>
          {pathCheck.error && (
            <p className="search-problem" role="alert" data-testid="search-path-error">
              {pathCheck.error}
            </p>
          )}
        </form>

        <div className="search-options">
          <label className="field-label" htmlFor={`${id}-k`}>
            {t('search.similar.show')}
          </label>
          <select id={`${id}-k`} className="select" value={k} data-testid="search-k" onChange={(event) => setK(Number(event.target.value))}>
            {K_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t('search.similar.closest', { count: choice })}
              </option>
            ))}
          </select>
        </div>
        {scopeChoice}
      </aside>

      <section className="search-results" aria-label={t('search.similar.results')} aria-busy={searching} data-testid="search-results" data-state={searching ? 'searching' : current ? 'done' : 'idle'}>
        {!subject ? (
          <div className="search-empty">
            <p>{t('search.similar.noSubject')}</p>
          </div>
        ) : !ready ? (
          <div className="search-empty">
            <p>{t('search.notReady')}</p>
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
                  <span className="spinner" aria-hidden="true" /> {t('search.similar.searching')}
                </>
              ) : current ? (
                <span data-testid="search-result-count" data-count={current.hits.length}>
                  {t('search.similar.count', { count: current.hits.length })}
                </span>
              ) : null}
            </div>
            {current && current.hits.length === 0 && <p className="search-empty">{t('search.similar.nothing')}</p>}
            {current && current.hits.length > 0 && (
              <HitGrid
                hits={current.hits}
                resultsKey={current.key}
                context={hitContext}
                onRegion={(hit) => setPicking({ ...pickerImageOf(hit, client.mediaUrl('image', hit.id)), ...(hit.match && { match: hit.match }) })}
              />
            )}
          </>
        )}
      </section>

      {dropping && (
        <div className="search-drop-overlay" aria-hidden="true">
          {t('search.similar.dropOverlay')}
        </div>
      )}
      {picking && (
        <RegionPicker
          {...picking}
          onClose={() => setPicking(null)}
          onPick={(region) => {
            setPicking(null)
            searchSimilar({ ...picking.subject, region })
          }}
        />
      )}
    </div>
  )
}
