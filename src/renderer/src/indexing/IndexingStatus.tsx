import { useState } from 'react'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { useLatestJob } from '../jobs/useLatestJob'
import { screens } from '../screens/screens'
import { useSearchStatus } from '../search/useSearchStatus'
import './indexing.css'
import { t } from '../i18n/t'

/**
 * How much of the library search and the classifier can use, kept live as indexing batches land, with the running
 * index's progress and Pause / Resume. Shown in the top bar and in every full-window view's header, so indexing stays
 * in sight whatever covers the library.
 */
export function IndexingStatus() {
  const client = useClient()
  const { reportError } = useToasts()
  const { status, refresh } = useSearchStatus()
  const job = useLatestJob('index')
  const [busy, setBusy] = useState(false)
  if (!status || status.indexed + status.pending === 0) return null

  const running = job?.state === 'running' ? job : null
  const waiting = job?.state === 'queued'
  const { indexed, pending, autoIndexPaused: paused, modelProblem } = status
  const setPaused = async (next: boolean) => {
    setBusy(true)
    try {
      await client.api.search.setAutoIndex({ paused: next })
    } catch (error) {
      reportError(error)
    } finally {
      setBusy(false)
      refresh()
    }
  }
  const state = running ? 'running' : waiting ? 'waiting' : paused ? 'paused' : 'idle'
  const fraction = running && running.total > 0 ? Math.min(1, running.done / running.total) : 0

  return (
    <div className="indexing-status" data-testid="index-status" data-indexed={indexed} data-pending={pending} data-paused={paused} data-state={state}>
      <span className="indexing-counts" title={t('indexing.countsTitle')}>
        {t('indexing.indexed', { count: indexed })}
        {pending > 0 && <span className="indexing-pending"> · {t('indexing.pending', { count: pending })}</span>}
      </span>
      {running && (
        <span
          className="indexing-bar"
          role="progressbar"
          aria-label={t('indexing.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={running.total}
          aria-valuenow={running.done}
          title={t('indexing.progressTitle', { done: running.done, total: running.total })}
        >
          <span className="indexing-bar-fill" style={{ width: `${fraction * 100}%` }} />
        </span>
      )}
      {waiting && <span className="indexing-note" title={t('indexing.waitingTitle')}>
          {t('indexing.waiting')}
        </span>}
      {pending > 0 && modelProblem && (
        <button type="button" className="button button-small" title={modelProblem} data-testid="index-get-model" onClick={() => screens.open('search')}>
          {t('indexing.getModel')}
        </button>
      )}
      {!modelProblem && paused && (
        <button type="button" className="button button-small button-primary" disabled={busy} data-testid="index-resume" title={t('indexing.resumeTitle')} onClick={() => void setPaused(false)}>
          {t('indexing.resume')}
        </button>
      )}
      {!modelProblem && !paused && (running || waiting) && (
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          data-testid="index-pause"
          title={t('indexing.pauseTitle')}
          onClick={() => void setPaused(true)}
        >
          {t('indexing.pause')}
        </button>
      )}
    </div>
  )
}
