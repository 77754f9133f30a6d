import { useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { formatPercent } from '../training/formatMetrics'
import { RowActionsCell } from '../ui/RowActionsCell'
import '../ui/dataTable.css'

interface Props {
  name: string
  /** Newest first. */
  versions: readonly AnomalyModelSummary[]
  selectedId: number | null
  /** The version an action is running on, whose buttons wait meanwhile. */
  busyId: number | null
  onSelect(id: number): void
  onUse(model: AnomalyModelSummary): void
  onShow(model: AnomalyModelSummary): void
  onDelete(model: AnomalyModelSummary): void
}

/** One model's versions: what each learnt from, its threshold and what that costs, and what can be done to it. */
export function ModelTable({ name, versions, selectedId, busyId, onSelect, onUse, onShow, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null)
  return (
    <table className="data-table anomaly-table" data-testid="anomaly-model" data-name={name}>
      <caption className="mono">{name}</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Learnt</th>
          <th scope="col">Backbone</th>
          <th scope="col" className="numeric" title="Good images learnt from, of which held out to set the threshold">
            Good / held out
          </th>
          <th scope="col" className="numeric" title="Patch features kept in the memory bank">
            Bank
          </th>
          <th scope="col" className="numeric">
            Threshold
          </th>
          <th scope="col" className="numeric" title="Share of the held-out good images at or above the threshold">
            False alarms
          </th>
          <th scope="col" className="numeric">
            Scored
          </th>
          <th scope="col">
            <span className="anomaly-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((model) => {
          const selected = model.id === selectedId
          const busy = model.id === busyId
          return (
            <tr
              key={model.id}
              className={selected ? 'data-row is-selected' : 'data-row'}
              aria-selected={selected}
              data-testid="anomaly-model-row"
              data-model-id={model.id}
              data-version={model.version}
              data-active={model.active}
              onClick={() => onSelect(model.id)}
            >
              <th scope="row">
                <button type="button" className="anomaly-version" aria-pressed={selected} data-testid="anomaly-model-select" onClick={() => onSelect(model.id)}>
                  v{model.version}
                </button>
                {model.active && (
                  <span className="anomaly-active" data-testid="anomaly-model-active" title="The library sorts, filters and badges by this version">
                    Active
                  </span>
                )}
              </th>
              <td className="anomaly-nowrap">{formatDateTime(model.createdAt)}</td>
              <td className="mono anomaly-backbone" title={model.backbone}>
                {model.backbone}
              </td>
              <td className="numeric">
                {formatCount(model.goodImages)} / {formatCount(model.heldOutImages)}
              </td>
              <td className="numeric">{formatCount(model.patches)}</td>
              <td className="numeric mono" data-testid="anomaly-model-threshold">
                {model.threshold.toFixed(3)}
              </td>
              <td className="numeric" data-testid="anomaly-model-false-alarms">
                {formatPercent(model.falseAlarmRate)}
              </td>
              <td className="numeric">{formatCount(model.scoredImages)}</td>
              <RowActionsCell
                className="anomaly-actions-cell"
                what={`${name} v${model.version}`}
                question={
                  <>
                    Delete v{model.version} and its scores?{model.active && ' The library then uses the newest remaining version.'}
                  </>
                }
                confirming={confirming === model.id}
                busy={busy}
                confirmTestId="anomaly-model-confirm"
                deleteTestId="anomaly-model-delete"
                onAsk={() => setConfirming(model.id)}
                onKeep={() => setConfirming(null)}
                onDelete={() => onDelete(model)}
              >
                {!model.active && (
                  <button type="button" className="button button-small" disabled={busy} data-testid="anomaly-model-use" onClick={() => onUse(model)}>
                    Use in library
                  </button>
                )}
                <button type="button" className="button button-small" disabled={busy} data-testid="anomaly-model-show" onClick={() => onShow(model)}>
                  Show anomalous
                </button>
              </RowActionsCell>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
