import { useId, useState, type ReactNode } from 'react'
import { PrelabelRequest, PrelabelResult, type JobSummary } from '../../../shared/api/schemas'
import type { LoupeClient } from '../../../shared/api/client'
import { useClient } from '../client/ClientContext'
import { formatCount, formatEta } from '../format/numbers'
import { t, tRich } from '../i18n/t'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { RangeWithValue } from '../ui/RangeWithValue'
import { isJobActive, useLatestJob } from '../jobs/useLatestJob'
import type { ModelStatus } from './useTrainingStatus'

type Scope = 'unboxed' | 'all'

const SCOPES: readonly RadioChoice<Scope>[] = [
  { value: 'unboxed', name: t('training.prelabel.scope.unboxed') },
  { value: 'all', name: t('training.prelabel.scope.all') },
]

const DEFAULT_THRESHOLD = PrelabelRequest.parse({}).threshold
/** The most image ids one request may name (the API's limit). */
const MAX_IMAGE_IDS = 100_000
const LIST_PAGE = 1000

/** Every image id in the catalogue, page by page. */
async function allImageIds(client: LoupeClient): Promise<number[]> {
  const ids: number[] = []
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await client.api.catalog.listImages({ offset, limit: LIST_PAGE })
    ids.push(...page.items.map((image) => image.id))
    if (ids.length > MAX_IMAGE_IDS) throw new Error(t('training.prelabel.tooMany', { max: MAX_IMAGE_IDS }))
    if (page.items.length < LIST_PAGE || offset + LIST_PAGE >= page.total) return ids
  }
}

/** Runs the object detector over images to suggest boxes, as a job; says what it found. */
export function PrelabelPane({ status }: { status: ModelStatus | null }) {
  const client = useClient()
  const id = useId()
  const job = useLatestJob('prelabel')
  const [scope, setScope] = useState<Scope>('unboxed')
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD)
  const [starting, setStarting] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const detector = status?.training.detector
  const running = isJobActive(job ?? null)

  const start = async () => {
    setStarting(true)
    setProblem(null)
    try {
      const imageIds = scope === 'all' ? await allImageIds(client) : undefined
      if (imageIds?.length === 0) throw new Error(t('training.prelabel.noImages'))
      await client.api.training.prelabel({ threshold, ...(imageIds ? { imageIds } : {}) })
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }

  return (
    <div className="prelabel-pane">
      <form
        className="training-card prelabel-form"
        aria-labelledby={`${id}-title`}
        data-testid="prelabel-form"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <h3 className="training-card-title" id={`${id}-title`}>
          {t('training.prelabel.title')}
        </h3>
        <p className="field-hint">{t('training.prelabel.intro')}</p>
        <p className="prelabel-detector" data-testid="prelabel-detector" data-available={detector?.available ?? ''}>
          <span className="muted">{t('training.prelabel.detector')}</span> <span className="mono">{detector?.name ?? '…'}</span>
        </p>
        {detector && !detector.available && (
          <p className="training-notice" role="status" data-testid="prelabel-unavailable">
            {detector.problem}
          </p>
        )}

        <RadioChoices
          label={t('training.prelabel.images')}
          variant="segmented"
          choices={SCOPES}
          value={scope}
          testId={(value) => `prelabel-scope-${value}`}
          onChange={setScope}
        >
          <p className="field-hint">
            {scope === 'unboxed' ? t('training.prelabel.scopeHint.unboxed') : t('training.prelabel.scopeHint.all')}
          </p>
        </RadioChoices>

        <label className="field-group prelabel-threshold" htmlFor={`${id}-threshold`}>
          <span className="field-label">{t('training.prelabel.threshold')}</span>
          <span className="prelabel-threshold-row">
            <RangeWithValue
              id={`${id}-threshold`}
              min={0.05}
              max={1}
              step={0.05}
              value={threshold}
              digits={2}
              testId="prelabel-threshold"
              onChange={setThreshold}
            />
          </span>
          <span className="field-hint">{t('training.prelabel.thresholdHint')}</span>
        </label>

        <footer className="train-footer">
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="prelabel-error">
              {problem}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={starting || running || detector?.available !== true}
            data-testid="prelabel-start"
          >
            {starting ? t('training.starting') : running ? t('training.prelabel.running') : t('training.prelabel.start')}
          </button>
        </footer>
      </form>
      <PrelabelJob job={job} />
    </div>
  )
}

function PrelabelJob({ job }: { job: JobSummary | null | undefined }) {
  const client = useClient()
  const [problem, setProblem] = useState<string | null>(null)
  if (!job) return null
  const active = isJobActive(job)
  const parsed = job.state === 'completed' ? PrelabelResult.safeParse(job.result) : null
  const result = parsed?.success ? parsed.data : null
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : 0
  return (
    <section className="training-card prelabel-job" data-testid="prelabel-job" data-state={job.state} data-suggestions={result?.suggestions ?? ''}>
      <h3 className="training-card-title">{t('training.prelabel.latest')}</h3>
      {active && (
        <div className="run-progress">
          <span>
            {job.total > 0 ? t('training.prelabel.progress', { done: job.done, total: job.total }) : t('training.prelabel.progressUnknownTotal', { done: job.done })}
          </span>
          <div className="progress run-bar" role="progressbar" aria-label={t('training.prelabel.progressLabel')} aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
            <div className="progress-fill" style={{ width: `${fraction * 100}%` }} />
          </div>
          {job.etaSeconds !== null && <span className="muted">{formatEta(job.etaSeconds)}</span>}
          <button
            type="button"
            className="button button-small"
            data-testid="prelabel-cancel"
            onClick={() =>
              client.api.jobs.cancel({ id: job.id }).catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)))
            }
          >
            {t('training.stop')}
          </button>
        </div>
      )}
      {result && (
        <div data-testid="prelabel-result">
          <p>
            {tRich(result.skipped > 0 ? 'training.prelabel.resultSkipped' : 'training.prelabel.result', {
              suggestions: result.suggestions,
              images: result.images,
              skipped: result.skipped,
              rate: result.imagesPerSecond.toFixed(1),
              backend: result.backend,
              strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
            })}
          </p>
          {Object.keys(result.byLabel).length > 0 && (
            <ul className="prelabel-by-label">
              {Object.entries(result.byLabel)
                .sort((a, b) => b[1] - a[1])
                .map(([label, count]) => (
                  <li key={label}>
                    {label} <span className="muted">{formatCount(count)}</span>
                  </li>
                ))}
            </ul>
          )}
          <p className="field-hint">{t('training.prelabel.review')}</p>
        </div>
      )}
      {job.state === 'cancelled' && <p className="muted">{t('training.prelabel.cancelled')}</p>}
      {job.state === 'failed' && (
        <p className="training-error" role="alert">
          {t('training.prelabel.failed', { reason: job.error ?? t('training.noReason') })}
        </p>
      )}
      {problem && (
        <p className="training-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
