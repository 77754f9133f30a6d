import { useState, type ReactNode } from 'react'
import type { MapStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { t, tRich } from '../i18n/t'

/** The model's name, set apart in its sentence. */
const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>

const FINISHED = new Set(['completed', 'failed', 'cancelled', 'interrupted'])

interface Props {
  status: MapStatus
}

/**
 * Which model the map is of, and what it lacks: no layout yet (Lay out), images indexed since (Place them), images
 * not indexed (they join once indexed). Laying out is a job: its progress shows in the job tray.
 */
export function MapStatusLine({ status }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const [runningJob, setRunningJob] = useState<number | null>(null)
  useClientEvent('jobs.progress', (job) => {
    if (job.id === runningJob && FINISHED.has(job.state)) setRunningJob(null)
  })
  const compute = (fresh: boolean) => {
    client.api.map.compute({ fresh }).then((job) => setRunningJob(job.id), reportError)
  }
  const busy = runningJob !== null
  const embedded = status.points + status.unplaced

  return (
    <div className="map-status" data-testid="map-status" data-laid-out={status.laidOut}>
      {status.laidOut ? (
        <span>{tRich('map.status.laidOut', { count: status.points, model: status.modelId, b: bold })}</span>
      ) : (
        <span data-testid="map-no-layout">
          {tRich('map.status.noLayout', { model: status.modelId, b: bold })} {embedded === 0 && t('map.status.indexFirst')}
        </span>
      )}
      {!status.laidOut && embedded > 0 && (
        <button type="button" className="button button-primary" data-testid="map-lay-out" disabled={busy} onClick={() => compute(true)}>
          {t('map.status.layOut', { count: embedded })}
        </button>
      )}
      {status.laidOut && status.unplaced > 0 && (
        <>
          <span data-testid="map-unplaced">{t('map.status.unplaced', { count: status.unplaced })}</span>
          <button type="button" className="button" data-testid="map-place" disabled={busy} onClick={() => compute(false)}>
            {t('map.status.place')}
          </button>
        </>
      )}
      {status.unindexed > 0 && (
        <span className="field-hint" data-testid="map-unindexed">
          {t('map.status.unindexed', { count: status.unindexed })}
        </span>
      )}
      {status.laidOut && (
        <button type="button" className="button button-quiet" data-testid="map-lay-out-again" disabled={busy} title={t('map.status.layOutAgainTitle')} onClick={() => compute(true)}>
          {t('map.status.layOutAgain')}
        </button>
      )}
      {busy && (
        <span className="field-hint" data-testid="map-computing">
          <span className="spinner" aria-hidden="true" /> {t('map.status.computing')}
        </span>
      )}
    </div>
  )
}
