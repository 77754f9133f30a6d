import { useState } from 'react'
import type { MapStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useClientEvent } from '../client/useClientEvent'
import { useToasts } from '../feedback/ToastContext'
import { pluralize } from '../format/numbers'

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
        <span>
          {pluralize(status.points, 'image')} laid out by their <strong>{status.modelId}</strong> embeddings.
        </span>
      ) : (
        <span data-testid="map-no-layout">
          There is no map of the <strong>{status.modelId}</strong> embeddings yet.
          {embedded === 0 && ' Index the images first: the map is made from their embeddings.'}
        </span>
      )}
      {!status.laidOut && embedded > 0 && (
        <button type="button" className="button button-primary" data-testid="map-lay-out" disabled={busy} onClick={() => compute(true)}>
          Lay out {pluralize(embedded, 'image')}
        </button>
      )}
      {status.laidOut && status.unplaced > 0 && (
        <>
          <span data-testid="map-unplaced">{pluralize(status.unplaced, 'image')} indexed since are not on the map.</span>
          <button type="button" className="button" data-testid="map-place" disabled={busy} onClick={() => compute(false)}>
            Place them
          </button>
        </>
      )}
      {status.unindexed > 0 && (
        <span className="field-hint" data-testid="map-unindexed">
          {pluralize(status.unindexed, 'image')} not indexed with this model yet: they join the map once indexed.
        </span>
      )}
      {status.laidOut && (
        <button type="button" className="button button-quiet" data-testid="map-lay-out-again" disabled={busy} title="Run the layout again over every image" onClick={() => compute(true)}>
          Lay out again
        </button>
      )}
      {busy && (
        <span className="field-hint" data-testid="map-computing">
          <span className="spinner" aria-hidden="true" /> Laying out… (progress in the job tray)
        </span>
      )}
    </div>
  )
}
