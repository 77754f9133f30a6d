import { useId, useState } from 'react'
import { PrelabelRequest, PrelabelResult, type JobSummary } from '../../../shared/api/schemas'
import type { LoupeClient } from '../../../shared/api/client'
import { useClient } from '../client/ClientContext'
import { formatCount, formatEta, pluralize } from '../format/numbers'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { RangeWithValue } from '../ui/RangeWithValue'
import { isJobActive, useLatestJob } from '../jobs/useLatestJob'
import type { ModelStatus } from './useTrainingStatus'

type Scope = 'unboxed' | 'all'

const SCOPES: readonly RadioChoice<Scope>[] = [
  { value: 'unboxed', name: 'Without boxes' },
  { value: 'all', name: 'All images' },
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
    if (ids.length > MAX_IMAGE_IDS) throw new Error(`The catalogue holds more than ${formatCount(MAX_IMAGE_IDS)} images: pre-label the images without boxes instead.`)
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
      if (imageIds?.length === 0) throw new Error('There are no images to pre-label.')
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
          Pre-label with the object detector
        </h3>
        <p className="field-hint">
          A detector trained on the 80 everyday COCO classes (people, vehicles, animals, household things) proposes boxes.
          They are stored as suggestions, to be accepted or rejected in the annotation workspace; nothing is labelled
          until then.
        </p>
        <p className="prelabel-detector" data-testid="prelabel-detector" data-available={detector?.available ?? ''}>
          <span className="muted">Detector</span> <span className="mono">{detector?.name ?? '…'}</span>
        </p>
        {detector && !detector.available && (
          <p className="training-notice" role="status" data-testid="prelabel-unavailable">
            {detector.problem}
          </p>
        )}

        <RadioChoices
          label="Images"
          variant="segmented"
          choices={SCOPES}
          value={scope}
          testId={(value) => `prelabel-scope-${value}`}
          onChange={setScope}
        >
          <p className="field-hint">
            {scope === 'unboxed'
              ? 'Only images nobody has drawn a box on yet.'
              : 'Every image; an image’s earlier pending suggestions are replaced, its boxes are kept.'}
          </p>
        </RadioChoices>

        <label className="field-group prelabel-threshold" htmlFor={`${id}-threshold`}>
          <span className="field-label">Smallest score kept</span>
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
          <span className="field-hint">Lower finds more objects, and more false ones.</span>
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
            {starting ? 'Starting…' : running ? 'Running…' : 'Suggest boxes'}
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
      <h3 className="training-card-title">Latest run</h3>
      {active && (
        <div className="run-progress">
          <span>
            {formatCount(job.done)} of {job.total > 0 ? formatCount(job.total) : '…'} images
          </span>
          <div className="progress run-bar" role="progressbar" aria-label="Pre-labelling progress" aria-valuemin={0} aria-valuemax={job.total} aria-valuenow={job.done}>
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
            Stop
          </button>
        </div>
      )}
      {result && (
        <div data-testid="prelabel-result">
          <p>
            <strong>{pluralize(result.suggestions, 'suggested box', 'suggested boxes')}</strong> on {pluralize(result.images, 'image')}
            {result.skipped > 0 && <> ({pluralize(result.skipped, 'image')} could not be read)</>}, at{' '}
            {result.imagesPerSecond.toFixed(1)} images/s on {result.backend}.
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
          <p className="field-hint">Review the suggestions image by image in the annotation workspace.</p>
        </div>
      )}
      {job.state === 'cancelled' && <p className="muted">Stopped; the suggestions made until then are kept.</p>}
      {job.state === 'failed' && (
        <p className="training-error" role="alert">
          Pre-labelling failed: {job.error ?? 'no reason was given.'}
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
