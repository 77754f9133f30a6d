import { useId, useState } from 'react'
import type { SearchStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import { useInstalledModels } from '../models/useInstalledModels'

interface Props {
  status: SearchStatus
  onChanged(): void
}

/**
 * The model search embeds with, and the choice of another installed one. Choosing one starts indexing the images it
 * has not embedded yet; each model's embeddings are kept, so switching back to an earlier one is immediate.
 */
export function ModelPicker({ status, onChanged }: Props) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const id = useId()
  const models = useInstalledModels(status.modelId)
  const [switching, setSwitching] = useState(false)

  const choose = async (modelId: string) => {
    setSwitching(true)
    try {
      const model = await client.api.models.activate({ id: modelId })
      const next = await client.api.search.status({})
      if (next.pending > 0 && !next.modelProblem) {
        await client.api.search.index({})
        notify(t('search.model.switchedIndexing', { model: model.name, count: next.pending }))
      } else {
        notify(t('search.model.switched', { model: model.name }))
      }
    } catch (error) {
      reportError(error)
    } finally {
      setSwitching(false)
      onChanged()
    }
  }

  const label = (
    <span className="muted" id={`${id}-label`}>
      {t('search.model.label')}
    </span>
  )
  if (models.length < 2) {
    return (
      <span className="search-status-item" title={t('search.model.title')}>
        {label} <span className="mono" data-testid="search-model">{status.modelId}</span>
      </span>
    )
  }
  return (
    <span className="search-status-item" title={t('search.model.title')}>
      {label}{' '}
      <select
        className="select search-model-select"
        aria-labelledby={`${id}-label`}
        value={status.modelId}
        disabled={switching}
        data-testid="search-model-select"
        onChange={(event) => void choose(event.target.value)}
      >
        {!models.some((model) => model.id === status.modelId) && (
          <option value={status.modelId}>{t('search.model.notInstalled', { id: status.modelId })}</option>
        )}
        {models.map((model) => (
          <option key={model.id} value={model.id} disabled={model.problem !== null}>
            {model.problem ? t('search.model.damaged', { id: model.id }) : t('search.model.option', { name: model.name, dimension: model.dimension })}
          </option>
        ))}
      </select>
    </span>
  )
}
