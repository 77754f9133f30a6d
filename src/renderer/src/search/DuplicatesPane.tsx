import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { DuplicateGroup, DuplicateImage, DuplicateThreshold } from '../../../shared/api/schemas'
import { ImagePageCache } from '../catalog/ImagePageCache'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import { screens } from '../screens/screens'
import { RangeWithValue } from '../ui/RangeWithValue'
import { carriedBy, isAnnotated } from './duplicateCarries'
import { DuplicateGroupCard } from './DuplicateGroupCard'

/** How long the slider must rest before the groups are looked for again. */
const SLIDE_DELAY_MS = 250

type Groups = { threshold: number; groups: DuplicateGroup[] } | { threshold: number; error: string }

const groupKey = (group: DuplicateGroup) => group.images.map((image) => image.id).join(',')

/**
 * Copies of one picture in groups (found alike by the model, confirmed by their pixels), one of each kept, the rest
 * taken out of the catalogue in one go, after saying what goes with them.
 */
export function DuplicatesPane({ ready }: { ready: boolean }) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const id = useId()
  const [calibrated, setCalibrated] = useState<DuplicateThreshold | { error: string } | null>(null)
  // The person's threshold; null follows the model's calibrated one.
  const [chosen, setChosen] = useState<number | null>(null)
  const [applied, setApplied] = useState<number | null>(null)
  const [revision, setRevision] = useState(0)
  const [found, setFound] = useState<Groups | null>(null)
  // The person's choice per group (by its members); groups not in here keep the one suggested.
  const [keep, setKeep] = useState<ReadonlyMap<string, number>>(new Map())
  const [confirming, setConfirming] = useState(false)
  const [removing, setRemoving] = useState(false)
  const latest = useRef(0)

  useClientEvent('search.indexChanged', () => {
    setCalibrated(null)
    setRevision((n) => n + 1)
  })
  useClientEvent('jobs.progress', (job) => {
    if (job.kind === 'index' && job.state === 'completed') setRevision((n) => n + 1)
  })
  useClientEvent('catalog.changed', (change) => {
    if (change.reason === 'removed' || change.reason === 'import' || change.reason === 'labels' || change.reason === 'status') setRevision((n) => n + 1)
  })

  useEffect(() => {
    // Asked again after a failure (nothing indexed yet, say) whenever the index or the catalogue changes.
    if (!ready || (calibrated && 'threshold' in calibrated)) return
    let current = true
    client.api.search.duplicateThreshold({}).then(
      (threshold) => current && setCalibrated(threshold),
      (error: unknown) => current && setCalibrated({ error: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      current = false
    }
  }, [client, ready, calibrated, revision])

  const defaultThreshold = calibrated && 'threshold' in calibrated ? calibrated.threshold : null
  const threshold = chosen ?? defaultThreshold

  useEffect(() => {
    const timer = setTimeout(() => setApplied(threshold), chosen === null ? 0 : SLIDE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [threshold, chosen])

  useEffect(() => {
    if (!ready || applied === null) return
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
    const images: DuplicateImage[] = []
    for (const group of groups) {
      const kept = keep.get(groupKey(group)) ?? group.keep
      for (const image of group.images) if (image.id !== kept) images.push(image)
    }
    return images
  }, [groups, keep])
  const annotatedExtras = extras.filter(isAnnotated)

  const remove = async () => {
    setRemoving(true)
    try {
      const { removed } = await client.api.catalog.removeImages({ imageIds: extras.map((image) => image.id) })
      notify(t('search.duplicates.removed', { count: removed }))
      setKeep(new Map())
      setRevision((n) => n + 1)
    } catch (error) {
      reportError(error)
    } finally {
      setRemoving(false)
      setConfirming(false)
    }
  }

  const open = async (images: DuplicateImage[], index: number) => {
    const cache = new ImagePageCache(async (offset, limit) => ({ total: images.length, offset, items: images.slice(offset, offset + limit) }), reportError)
    await cache.range(0, index)
    screens.open('annotate', { images: { from: 'list', cache }, index, imageId: images[index]!.id })
  }

  const loading = ready && threshold !== null && (found === null || found.threshold !== applied || applied !== threshold)
  const problem = found && 'error' in found ? found.error : calibrated && 'error' in calibrated ? calibrated.error : null

  return (
    <div className="duplicates-pane" data-testid="duplicates-pane">
      <div className="duplicates-toolbar">
        <label className="field-label" htmlFor={`${id}-threshold`}>
          {t('search.duplicates.thresholdLabel')}
        </label>
        {threshold === null ? (
          <span className="muted" data-testid="dup-calibrating">
            {ready && !problem ? t('search.duplicates.calibrating') : '—'}
          </span>
        ) : (
          <RangeWithValue id={`${id}-threshold`} min={0.5} max={1} step={0.005} value={threshold} digits={3} testId="dup-threshold" valueClassName="dup-threshold-value" onChange={setChosen} />
        )}
        {chosen !== null && defaultThreshold !== null && chosen !== defaultThreshold ? (
          <button type="button" className="link-button" data-testid="dup-threshold-reset" onClick={() => setChosen(null)}>
            {t('search.duplicates.resetThreshold', { threshold: defaultThreshold.toFixed(3) })}
          </button>
        ) : null}
        <span className="duplicates-summary" data-testid="dup-summary" data-groups={found && 'groups' in found ? groups.length : ''} data-extras={extras.length}>
          {loading ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t('search.duplicates.comparing')}
            </>
          ) : found && 'groups' in found ? (
            groups.length === 0 ? (
              t('search.duplicates.noneFound')
            ) : (
              t('search.duplicates.found', { groups: groups.length, extras: extras.length })
            )
          ) : null}
        </span>
        <div className="duplicates-remove">
          {confirming ? null : (
            <button type="button" className="button" disabled={extras.length === 0 || loading} data-testid="dup-remove" onClick={() => setConfirming(true)}>
              {t('search.duplicates.removeExtras')}
            </button>
          )}
        </div>
      </div>
      {confirming ? (
        <div className="dup-confirm" role="alertdialog" aria-label={t('search.duplicates.confirmLabel')} data-testid="dup-confirm">
          <p>
            {annotatedExtras.length === 0
              ? t('search.duplicates.confirmUnannotated', { count: extras.length })
              : t('search.duplicates.confirm', { count: extras.length })}
          </p>
          {annotatedExtras.length > 0 ? (
            <div data-testid="dup-confirm-annotated" data-count={annotatedExtras.length}>
              <p className="dup-confirm-warning">
                {t('search.duplicates.confirmAnnotated', { count: annotatedExtras.length })}
              </p>
              <ul className="dup-confirm-list">
                {annotatedExtras.map((image) => (
                  <li key={image.id} data-testid="dup-confirm-item" data-image-id={image.id}>
                    <span className="mono">{image.fileName}</span> — {carriedBy(image).join(' · ')}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="dup-confirm-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('search.cancel')}
            </button>
            <button type="button" className="button search-danger" disabled={removing} data-testid="dup-confirm-remove" onClick={() => void remove()}>
              {removing ? t('search.duplicates.removing') : t('search.duplicates.remove', { count: extras.length })}
            </button>
          </div>
        </div>
      ) : null}
      <p className="field-hint duplicates-hint">
        {calibrated && 'threshold' in calibrated
          ? t('search.duplicates.hint', { calibrated: 'yes', threshold: calibrated.threshold.toFixed(3), model: calibrated.modelId, count: calibrated.calibratedOn })
          : t('search.duplicates.hint', { calibrated: 'no', threshold: '', model: '', count: 0 })}
      </p>

      {!ready ? (
        <div className="search-empty">{t('search.notReady')}</div>
      ) : problem ? (
        <div className="search-empty search-problem">{problem}</div>
      ) : (
        <ol className={loading ? 'dup-groups is-stale' : 'dup-groups'}>
          {groups.map((group, index) => {
            const key = groupKey(group)
            return (
              <DuplicateGroupCard
                key={key}
                group={group}
                index={index}
                kept={keep.get(key) ?? group.keep}
                onKeep={(imageId) => setKeep((current) => new Map(current).set(key, imageId))}
                onOpen={(images, position) => void open(images, position)}
              />
            )
          })}
        </ol>
      )}
    </div>
  )
}
