import { useState } from 'react'
import type { LabelSource } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { t } from '../i18n/t'
import { screens } from '../screens/screens'
import { formatPercent } from './formatMetrics'
import type { ModelStatus } from './useTrainingStatus'
import { readinessProblem } from './readinessProblem'

const LABEL_SOURCE_NAMES: Record<LabelSource, string> = {
  tags: t('training.status.source.tags'),
  boxes: t('training.status.source.boxes'),
  'tags-then-boxes': t('training.status.source.tagsThenBoxes'),
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
        <span className="training-status-item" title={t('training.status.backboneTitle')}>
          <span className="muted">{t('training.backbone')}</span> <span className="mono">{search.modelId}</span>
        </span>
        <span className="training-status-item" title={t('training.status.backendTitle')}>
          <span className="muted">{t('training.status.backend')}</span> {search.backend}
        </span>
        <span className="training-status-item" data-testid="training-active">
          <span className="muted">{t('training.active')}</span>{' '}
          {active ? (
            <>
              <span className="mono">{active.name}</span>
              {active.valAccuracy !== null && <span className="muted"> · {t('training.status.valAccuracy', { accuracy: formatPercent(active.valAccuracy) })}</span>}
            </>
          ) : (
            t('training.status.noneYet')
          )}
        </span>
        <span
          className="training-status-item"
          title={t('training.status.sourceTitle')}
          data-testid="training-label-source"
          data-labels={training.readiness.labels}
        >
          <span className="muted">{t('training.status.classesFrom')}</span> {LABEL_SOURCE_NAMES[training.readiness.labels]}
        </span>
        {active && (
          <span className="training-status-item" data-testid="training-coverage" data-predicted={training.predicted} data-unpredicted={training.unpredicted}>
            <span className="muted">{t('training.status.predictions')}</span> {t('training.status.coverage', { predicted: training.predicted, covered })}
          </span>
        )}
        {search.pending > 0 && !modelMissing && (
          <span className="training-status-item training-pending" data-testid="training-unindexed">
            {t('training.status.notIndexed', { count: search.pending })}
            <button
              type="button"
              className="button button-small button-primary"
              disabled={indexing}
              title={t('training.status.indexTitle')}
              data-testid="training-index-now"
              onClick={() => void indexNow()}
            >
              {indexing ? t('training.starting') : t('training.status.indexNow')}
            </button>
          </span>
        )}
      </div>
      {modelMissing && (
        <div className="training-notice" role="status" data-testid="training-problem" data-reason="model">
          <p>
            {search.modelProblem} {t('training.status.modelNeeded')}
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
            {t('training.status.addModel')}
          </button>
        </div>
      )}
      {!training.readiness.ready && (
        <div className="training-notice" role="status" data-testid="training-problem" data-reason="labels">
          <p>{readinessProblem(training.readiness)}</p>
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
