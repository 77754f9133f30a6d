import { useState } from 'react'
import { DetectAllResult, type DetectorStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatEta } from '../format/numbers'
import { isJobActive, useLatestJob } from '../jobs/useLatestJob'
import { unfiltered } from '../library/libraryQuery'
import type { LibraryView } from '../library/useLibraryView'
import { screens } from '../screens/screens'
import { StopButton } from '../training/RunPanel'
import { showDetectorTab } from './detectorScreen'
import { t, tRich } from '../i18n/t'

/** Runs the active version over every catalogue image as a job, and shows how far the newest such run is. */
export function FindBoxesPane({ status, library }: { status: DetectorStatus | null; library: LibraryView }) {
  const client = useClient()
  const job = useLatestJob('detect')
  const [starting, setStarting] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const active = status?.active ?? null
  const running = isJobActive(job ?? null)

  /** The library's "Found by detector" entry for one class (or any), best score first, in place of this view. */
  const showFound = (label: string | undefined) => {
    library.setQuery({ ...unfiltered(library.query), detected: label === undefined ? {} : { label }, sort: 'detection', descending: true })
    screens.close('detector')
  }

  const start = async () => {
    setStarting(true)
    setProblem(null)
    try {
      await client.api.detector.detectAll({})
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }

  if (status && !active) {
    return (
      <section className="training-card" data-testid="detector-find" data-state="no-detector">
        <h3 className="training-card-title">{t('detector.find.title')}</h3>
        <p className="muted">{t('detector.find.noDetector')}</p>
        <div>
          <button type="button" className="button button-primary" onClick={() => showDetectorTab('train')}>
            {t('detector.find.train')}
          </button>
        </div>
      </section>
    )
  }
  const fraction = job && job.total > 0 ? Math.min(1, job.done / job.total) : 0
  return (
    <section className="training-card detector-find" data-testid="detector-find" data-state={job?.state ?? 'none'}>
      <h3 className="training-card-title">{t('detector.find.title')}</h3>
      <p className="field-hint">
        {active
          ? tRich('detector.find.runs', {
              name: active.name,
              classes: active.classes.join(', '),
              threshold: active.scoreThreshold.toFixed(2),
              mono: (chunks) => (
                <span key="mono" className="mono">
                  {chunks}
                </span>
              ),
            })
          : t('detector.find.runs.active')}
      </p>
      <div className="detector-find-actions">
        <button type="button" className="button button-primary" disabled={!active || starting || running} data-testid="detector-find-start" onClick={() => void start()}>
          {starting ? t('detector.find.starting') : running ? t('detector.find.finding') : t('detector.find.start')}
        </button>
        {job && running && <StopButton jobId={job.id} title={t('detector.find.stop.title')} />}
      </div>
      {problem && (
        <p className="dialog-problem" role="alert" data-testid="detector-find-error">
          {problem}
        </p>
      )}
      {job && running && (
        <div className="run-progress">
          <span className="run-epoch">
            {job.total > 0 ? t('detector.find.progress', { done: job.done, total: job.total }) : t('detector.find.progress.unknownTotal', { done: job.done })}
          </span>
          <div className="progress run-bar" role="progressbar" aria-label={t('detector.find.progress.label')} aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done} data-indeterminate={job.total === 0}>
            <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
          </div>
          <span className="muted run-eta">{job.etaSeconds === null ? t('detector.find.estimating') : t('detector.find.leftAtMost', { eta: formatEta(job.etaSeconds) })}</span>
        </div>
      )}
      {job?.state === 'completed' && <CompletedOutcome result={job.result} />}
      {active && job && !running && (
        <div className="detector-find-actions" data-testid="detector-find-show">
          <span className="muted">{t('detector.find.show')}</span>
          <button type="button" className="button button-small" data-testid="detector-find-show-any" onClick={() => showFound(undefined)}>
            {t('detector.find.show.any')}
          </button>
          {active.classes.map((label) => (
            <button key={label} type="button" className="button button-small" data-testid="detector-find-show-class" data-label={label} onClick={() => showFound(label)}>
              {label}
            </button>
          ))}
        </div>
      )}
      {job?.state === 'failed' && (
        <p className="run-outcome is-error" role="alert" data-testid="detector-find-outcome">
          {t('detector.find.failed', { reason: job.error ?? t('detector.find.noReason') })}
        </p>
      )}
      {job?.state === 'cancelled' && (
        <p className="run-outcome is-warning" data-testid="detector-find-outcome">
          {t('detector.find.stopped', { done: job.done })}
        </p>
      )}
    </section>
  )
}

/** What the finished run found, from the job's result; the counts are left out if the result is not one (an older run). */
function CompletedOutcome({ result }: { result: unknown }) {
  const parsed = DetectAllResult.safeParse(result)
  if (!parsed.success) {
    return (
      <p className="run-outcome" data-testid="detector-find-outcome">
        {t('detector.find.done')}
      </p>
    )
  }
  const { images, found, unreadable } = parsed.data
  return (
    <p className="run-outcome" data-testid="detector-find-outcome" data-found={found} data-images={images}>
      {unreadable > 0 ? t('detector.find.found.unreadable', { found, images, unreadable }) : t('detector.find.found', { found, images })}
    </p>
  )
}
