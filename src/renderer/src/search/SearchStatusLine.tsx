import { useState } from 'react'
import type { SearchStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import { GetModel } from '../models/GetModel'
import { ModelPicker } from './ModelPicker'

interface Props {
  status: SearchStatus | null
  problem: string | null
  onChanged(): void
}

/** Which model and backend search with, how much of the catalogue is indexed, and the way to index the rest. */
export function SearchStatusLine({ status, problem, onChanged }: Props) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const [indexing, setIndexing] = useState(false)

  const indexNow = async () => {
    setIndexing(true)
    try {
      await client.api.search.index({})
    } catch (error) {
      reportError(error)
    } finally {
      setIndexing(false)
      onChanged()
    }
  }

  const setAutoIndex = async (on: boolean) => {
    try {
      await client.api.search.setAutoIndex({ paused: !on })
    } catch (error) {
      reportError(error)
    } finally {
      onChanged()
    }
  }

  if (!status) {
    return (
      <div className="full-window-status" data-testid="search-status" data-ready="false">
        {problem ? <span className="search-problem">{problem}</span> : <span className="spinner" aria-hidden="true" />}
      </div>
    )
  }
  return (
    <>
      <div
        className="full-window-status"
        data-testid="search-status"
        data-ready="true"
        data-indexed={status.indexed}
        data-pending={status.pending}
        data-model={status.modelId}
        data-model-problem={status.modelProblem ? 'true' : 'false'}
      >
        <ModelPicker status={status} onChanged={onChanged} />
        <span className="search-status-item">
          <span className="muted">{t('search.status.backend')}</span> {status.backend}
        </span>
        <span className="search-status-item" data-testid="search-indexed">
          {t('search.status.indexed', { count: status.indexed })}
          {status.pending > 0 && <span className="search-pending"> · {t('search.status.pending', { count: status.pending })}</span>}
        </span>
        <label className="search-status-item" title={t('search.status.autoIndexTitle')}>
          <input type="checkbox" checked={!status.autoIndexPaused} data-testid="search-auto-index" onChange={(event) => void setAutoIndex(event.target.checked)} />{' '}
          {t('search.status.autoIndex')}
        </label>
        {status.pending > 0 && !status.modelProblem && (
          <button type="button" className="button button-small button-primary" disabled={indexing} data-testid="search-index-now" onClick={() => void indexNow()}>
            {indexing ? t('search.status.starting') : t('search.status.indexNow')}
          </button>
        )}
      </div>
      {status.modelProblem && (
        <GetModel
          problem={status.modelProblem}
          onInstalled={(name) => {
            notify(t('search.status.modelInstalled', { name }))
            onChanged()
          }}
        />
      )}
    </>
  )
}
