import { useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { pluralize } from '../format/numbers'
import type { LibraryView } from '../library/useLibraryView'
import { showAnomalyModel, showAnomalyTab } from './anomalyScreen'
import { ModelTable } from './ModelTable'
import { showAnomalousInLibrary } from './showAnomalous'
import { ThresholdPanel } from './ThresholdPanel'
import { byName, useAnomalyModels } from './useAnomalyModels'

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
  const label = (model: AnomalyModelSummary) => `${model.name} v${model.version}`

  const use = (model: AnomalyModelSummary) =>
    act(model, async () => {
      await client.api.anomaly.setActive({ id: model.id })
      return `${label(model)} is now the active version: the library sorts, filters and badges by its scores.`
    })
  const remove = (model: AnomalyModelSummary) =>
    act(model, async () => {
      await client.api.anomaly.deleteModel({ id: model.id })
      return `${label(model)} was deleted${model.active ? '; the newest remaining version is now the one the library uses' : ''}.`
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
        <p className="muted">No anomaly model yet: learn what good looks like first.</p>
        <button type="button" className="button button-primary" onClick={() => showAnomalyTab('learn')}>
          Learn…
        </button>
      </div>
    )
  }
  return (
    <div className="anomaly-models">
      <div className="anomaly-toolbar">
        <h3 className="anomaly-card-title">Models</h3>
        <span className="muted" data-testid="anomaly-model-count" data-count={loaded.models.length}>
          {pluralize(loaded.models.length, 'version')}
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
