import { useState } from 'react'
import type { LabelSource } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount, pluralize } from '../format/numbers'
import { screens } from '../screens/screens'
import { formatPercent } from './formatMetrics'
import type { ModelStatus } from './useTrainingStatus'

const LABEL_SOURCE_NAMES: Record<LabelSource, string> = {
  tags: 'tags',
  boxes: 'box classes',
  'tags-then-boxes': 'tags, else box classes',
}

interface Props {
  status: ModelStatus | null
  problem: string | null
  onChanged(): void
}

/** The backbone and backend, the active version and how much of the catalogue it has predicted, and what is missing. */
export function TrainingStatusLine({ status, problem, onChanged }: Props) {
  const client = useClient()
  const [indexing, setIndexing] = useState(false)
  const [indexError, setIndexError] = useState<string | null>(null)

  const indexNow = async () => {
    setIndexing(true)
    setIndexError(null)
    try {
      await client.api.search.index({})
    } catch (error) {
      setIndexError(error instanceof Error ? error.message : String(error))
    } finally {
      setIndexing(false)
      onChanged()
    }
  }

  if (!status) {
    return (
      <div className="full-window-status" data-testid="training-status" data-loaded="false">
        {problem ? <span className="training-problem">{problem}</span> : <span className="spinner" aria-hidden="true" />}
      </div>
    )
  }

  const { training, search } = status
  const active = training.active
  const covered = training.predicted + training.unpredicted
  const modelMissing = search.modelProblem !== null
  const ready = training.readiness.ready && !modelMissing
  return (
    <>
      <div
        className="full-window-status"
        data-testid="training-status"
        data-loaded="true"
        data-ready={ready}
        data-active={active?.id ?? ''}
        data-versions={training.versions}
        data-pending={search.pending}
      >
        <span className="training-status-item" title="The image model whose embeddings the classifier learns from">
          <span className="muted">Backbone</span> <span className="mono">{search.modelId}</span>
        </span>
        <span className="training-status-item" title="Where embeddings are computed">
          <span className="muted">Backend</span> {search.backend}
        </span>
        <span className="training-status-item" data-testid="training-active">
          <span className="muted">Active</span>{' '}
          {active ? (
            <>
              <span className="mono">{active.name}</span>
              {active.valAccuracy !== null && <span className="muted"> · {formatPercent(active.valAccuracy)} val. accuracy</span>}
            </>
          ) : (
            'none yet'
          )}
        </span>
        <span
          className="training-status-item"
          title="Where the images' classes come from for training (chosen in the Train tab)"
          data-testid="training-label-source"
          data-labels={training.readiness.labels}
        >
          <span className="muted">Classes from</span> {LABEL_SOURCE_NAMES[training.readiness.labels]}
        </span>
        {active && (
          <span className="training-status-item" data-testid="training-coverage" data-predicted={training.predicted} data-unpredicted={training.unpredicted}>
            <span className="muted">Predictions</span> {formatCount(training.predicted)} of {pluralize(covered, 'indexed image')}
          </span>
        )}
        {search.pending > 0 && !modelMissing && (
          <span className="training-status-item training-pending" data-testid="training-unindexed">
            {formatCount(search.pending)} not indexed
            <button
              type="button"
              className="button button-small button-primary"
              disabled={indexing}
              title="Compute the embeddings of images not yet indexed (they get predictions once indexed)"
              data-testid="training-index-now"
              onClick={() => void indexNow()}
            >
              {indexing ? 'Starting…' : 'Index now'}
            </button>
          </span>
        )}
      </div>
      {modelMissing && (
        <div className="training-notice" role="status" data-testid="training-problem" data-reason="model">
          <p>
            {search.modelProblem} A classifier learns from this model’s embeddings.
          </p>
          <button
            type="button"
            className="button button-small"
            data-testid="training-open-search"
            onClick={() => {
              screens.close('training')
              screens.open('search')
            }}
          >
            Add a model in Search…
          </button>
        </div>
      )}
      {!training.readiness.ready && (
        <div className="training-notice" role="status" data-testid="training-problem" data-reason="labels">
          <p>{training.readiness.problem}</p>
        </div>
      )}
      {indexError && (
        <p className="training-error" role="alert">
          {indexError}
        </p>
      )}
    </>
  )
}
