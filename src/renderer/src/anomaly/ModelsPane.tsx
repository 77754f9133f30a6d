import { useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import type { LibraryView } from '../library/useLibraryView'
import { showAnomalyModel, showAnomalyTab } from './anomalyScreen'
import { ModelTable } from './ModelTable'
import { showAnomalousInLibrary } from './showAnomalous'
import { ThresholdPanel } from './ThresholdPanel'
import { byName, useAnomalyModels } from './useAnomalyModels'
import { t } from '../i18n/t'

type Notice = { kind: 'done' | 'error'; text: string }

/** Every model's versions, which one the library uses, and the chosen version's threshold. */
export function ModelsPane({ chosenId, library }: { chosenId: number | null; library: LibraryView }) {
  const client = useClient()
  const loaded = useAnomalyModels()
  const [busyId, setBusyId] = useState<number | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const models = loaded?.models ?? null
  // What the person chose while it exists; otherwise the active version.
  const selected = models?.find((model) => model.id === chosenId) ?? models?.find((model) => model.active) ?? null

  const act = async (model: AnomalyModelSummary, action: () => Promise<string | null>) => {
    setBusyId(model.id)
    setNotice(null)
    try {
      const text = await action()
      if (text) setNotice({ kind: 'done', text })
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    } finally {
      setBusyId(null)
    }
  }
  const label = (model: AnomalyModelSummary) => t('anomaly.modelVersion', { name: model.name, version: model.version })

  const use = (model: AnomalyModelSummary) =>
    act(model, async () => {
      await client.api.anomaly.setActive({ id: model.id })
      return t('anomaly.models.activated', { model: label(model) })
    })
  const remove = (model: AnomalyModelSummary) =>
    act(model, async () => {
      await client.api.anomaly.deleteModel({ id: model.id })
      return model.active ? t('anomaly.models.deleted.active', { model: label(model) }) : t('anomaly.models.deleted', { model: label(model) })
    })
  const show = (model: AnomalyModelSummary) => act(model, () => showAnomalousInLibrary(client, library, model).then(() => null))

  if (loaded === null) return <span className="spinner" aria-hidden="true" />
  if (loaded.problem !== null) {
    return (
      <p className="dialog-problem" role="alert">
        {loaded.problem}
      </p>
    )
  }
  if (loaded.models.length === 0) {
    return (
      <div className="anomaly-card" data-testid="anomaly-models-empty">
        <p className="muted">{t('anomaly.models.empty')}</p>
        <button type="button" className="button button-primary" onClick={() => showAnomalyTab('learn')}>
          {t('anomaly.models.learn')}
        </button>
      </div>
    )
  }
  return (
    <div className="anomaly-models">
      <div className="anomaly-toolbar">
        <h3 className="anomaly-card-title">{t('anomaly.models.title')}</h3>
        <span className="muted" data-testid="anomaly-model-count" data-count={loaded.models.length}>
          {t('anomaly.models.count', { count: loaded.models.length })}
        </span>
      </div>
      {notice && (
        <p className={notice.kind === 'error' ? 'dialog-problem' : 'anomaly-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="anomaly-notice" data-kind={notice.kind}>
          {notice.text}
        </p>
      )}
      {byName(loaded.models).map((group) => (
        <ModelTable
          key={group.name}
          name={group.name}
          versions={group.versions}
          selectedId={selected?.id ?? null}
          busyId={busyId}
          onSelect={showAnomalyModel}
          onUse={(model) => void use(model)}
          onShow={(model) => void show(model)}
          onDelete={(model) => void remove(model)}
        />
      ))}
      {selected && <ThresholdPanel key={selected.id} model={selected} onShow={() => void show(selected)} />}
    </div>
  )
}
