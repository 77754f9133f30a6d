import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { DuplicateGroup, SearchHit } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { formatCount, pluralize } from '../format/numbers'
import { RangeWithValue } from '../ui/RangeWithValue'
import { searchSimilar } from './searchScreen'
import { formatScore } from './subject'

const DEFAULT_THRESHOLD = 0.95
/** How long the slider must rest before the groups are looked for again. */
const SLIDE_DELAY_MS = 250

type Groups = { threshold: number; groups: DuplicateGroup[] } | { threshold: number; error: string }

/** The image of a group kept by default: the largest, the first of equals. */
function defaultKeep(group: DuplicateGroup): number {
  let best: SearchHit | undefined
  for (const image of group.images) if (!best || image.width * image.height > best.width * best.height) best = image
  return best?.id ?? 0
}

const groupKey = (group: DuplicateGroup) => group.images.map((image) => image.id).join(',')

/** Near-identical images in groups, one of each kept, the rest taken out of the catalogue in one go. */
export function DuplicatesPane({ ready }: { ready: boolean }) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const id = useId()
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD)
  const [applied, setApplied] = useState(DEFAULT_THRESHOLD)
  const [revision, setRevision] = useState(0)
  const [found, setFound] = useState<Groups | null>(null)
  // The person's choice per group (by its members); groups not in here keep their default.
  const [keep, setKeep] = useState<ReadonlyMap<string, number>>(new Map())
  const [confirming, setConfirming] = useState(false)
  const [removing, setRemoving] = useState(false)
  const latest = useRef(0)

  useClientEvent('search.indexChanged', () => setRevision((n) => n + 1))
  useClientEvent('jobs.progress', (job) => {
    if (job.kind === 'index' && job.state === 'completed') setRevision((n) => n + 1)
  })
  useClientEvent('catalog.changed', (change) => {
    if (change.reason === 'removed' || change.reason === 'import') setRevision((n) => n + 1)
  })

  useEffect(() => {
    const timer = setTimeout(() => setApplied(threshold), SLIDE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [threshold])

  useEffect(() => {
    if (!ready) return
    const request = ++latest.current
    client.api.search.duplicates({ threshold: applied }).then(
      (groups) => {
        if (request === latest.current) setFound({ threshold: applied, groups })
      },
      (error: unknown) => {
        if (request === latest.current) setFound({ threshold: applied, error: error instanceof Error ? error.message : String(error) })
      },
    )
  }, [client, applied, revision, ready])

  const groups = useMemo(() => (found && 'groups' in found ? found.groups : []), [found])
  const extras = useMemo(() => {
    const ids: number[] = []
    for (const group of groups) {
      const kept = keep.get(groupKey(group)) ?? defaultKeep(group)
      for (const image of group.images) if (image.id !== kept) ids.push(image.id)
    }
    return ids
  }, [groups, keep])

  const remove = async () => {
    setRemoving(true)
    try {
      const { removed } = await client.api.catalog.removeImages({ imageIds: extras })
      notify(`Removed ${pluralize(removed, 'image')} from the catalogue; the files on disk are untouched.`)
      setKeep(new Map())
      setRevision((n) => n + 1)
    } catch (error) {
      reportError(error)
    } finally {
      setRemoving(false)
      setConfirming(false)
    }
  }

  const loading = ready && (found === null || found.threshold !== applied || applied !== threshold)

  return (
    <div className="duplicates-pane" data-testid="duplicates-pane">
      <div className="duplicates-toolbar">
        <label className="field-label" htmlFor={`${id}-threshold`}>
          Alike at least
        </label>
        <RangeWithValue
          id={`${id}-threshold`}
          min={0.8}
          max={1}
          step={0.005}
          value={threshold}
          digits={3}
          testId="dup-threshold"
          valueClassName="dup-threshold-value"
          onChange={setThreshold}
        />
        <span className="duplicates-summary" data-testid="dup-summary" data-groups={found && 'groups' in found ? groups.length : ''} data-extras={extras.length}>
          {loading ? (
            <>
              <span className="spinner" aria-hidden="true" /> Looking…
            </>
          ) : found && 'groups' in found ? (
            groups.length === 0 ? (
              'No near-duplicates at this threshold'
            ) : (
              `${pluralize(groups.length, 'group')} · ${pluralize(extras.length, 'extra')} to remove`
            )
          ) : null}
        </span>
        <div className="duplicates-remove">
          {confirming ? (
            <div className="dup-confirm" role="alertdialog" aria-label="Confirm removal" data-testid="dup-confirm">
              <span>
                Remove {pluralize(extras.length, 'image')} from the catalogue? The files on disk are not touched.
              </span>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button type="button" className="button search-danger" disabled={removing} data-testid="dup-confirm-remove" onClick={() => void remove()}>
                {removing ? 'Removing…' : 'Remove'}
              </button>
            </div>
          ) : (
            <button type="button" className="button" disabled={extras.length === 0 || loading} data-testid="dup-remove" onClick={() => setConfirming(true)}>
              Remove extras from catalogue…
            </button>
          )}
        </div>
      </div>
      <p className="field-hint duplicates-hint">
        One image of each group is kept (the largest, unless you choose another); the others can be taken out of the catalogue together. Their files stay where they are.
      </p>

      {!ready ? (
        <div className="search-empty">Search is not ready yet: see above.</div>
      ) : found && 'error' in found ? (
        <div className="search-empty search-problem">{found.error}</div>
      ) : (
        <ol className={loading ? 'dup-groups is-stale' : 'dup-groups'}>
          {groups.map((group, index) => {
            const key = groupKey(group)
            const kept = keep.get(key) ?? defaultKeep(group)
            return (
              <li key={key} className="dup-group" data-testid="dup-group" data-image-ids={key}>
                <div className="dup-group-head">
                  <span>Group {formatCount(index + 1)}</span>
                  <span className="muted">{pluralize(group.images.length, 'image')}</span>
                </div>
                <div className="dup-members">
                  {group.images.map((image) => (
                    <label key={image.id} className={image.id === kept ? 'dup-member is-kept' : 'dup-member'} data-testid="dup-member" data-image-id={image.id} data-kept={image.id === kept} title={image.path}>
                      <div className="thumb-frame hit-thumb">
                        <img src={client.mediaUrl('thumb', image.id)} alt="" loading="lazy" draggable={false} />
                        <span className="hit-score">{formatScore(image.score)}</span>
                      </div>
                      <div className="hit-name">{image.fileName}</div>
                      <div className="dup-member-meta muted">
                        {image.width} × {image.height}
                      </div>
                      <span className="dup-keep">
                        <input
                          type="radio"
                          name={`${id}-keep-${key}`}
                          checked={image.id === kept}
                          data-testid="dup-keep"
                          onChange={() => setKeep((current) => new Map(current).set(key, image.id))}
                        />
                        {image.id === kept ? 'Keep' : 'Remove'}
                      </span>
                      <button
                        type="button"
                        className="link-button dup-similar"
                        onClick={(event) => {
                          event.preventDefault()
                          searchSimilar({ kind: 'image', imageId: image.id, fileName: image.fileName, width: image.width, height: image.height })
                        }}
                      >
                        More like this
                      </button>
                    </label>
                  ))}
                </div>
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}
