import { useState } from 'react'
import type { AnomalyModelSummary } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatCount } from '../format/numbers'
import { formatPercent } from '../training/formatMetrics'
import { RowActionsCell } from '../ui/RowActionsCell'
import { t } from '../i18n/t'
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
          <th scope="col">{t('anomaly.models.column.version')}</th>
          <th scope="col">{t('anomaly.models.column.learnt')}</th>
          <th scope="col">{t('anomaly.models.column.backbone')}</th>
          <th scope="col" className="numeric" title={t('anomaly.models.column.good.title')}>
            {t('anomaly.models.column.good')}
          </th>
          <th scope="col" className="numeric" title={t('anomaly.models.column.bank.title')}>
            {t('anomaly.models.column.bank')}
          </th>
          <th scope="col" className="numeric">
            {t('anomaly.models.column.threshold')}
          </th>
          <th scope="col" className="numeric" title={t('anomaly.models.column.falseAlarms.title')}>
            {t('anomaly.models.column.falseAlarms')}
          </th>
          <th scope="col" className="numeric">
            {t('anomaly.models.column.scored')}
          </th>
          <th scope="col">
            <span className="anomaly-visually-hidden">{t('anomaly.models.column.actions')}</span>
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
                  <span className="anomaly-active" data-testid="anomaly-model-active" title={t('anomaly.models.active.title')}>
                    {t('anomaly.models.active')}
                  </span>
                )}
              </th>
              <td className="anomaly-nowrap">{formatDateTime(model.createdAt)}</td>
              <td className="mono anomaly-backbone" title={model.backbones.join(' + ')}>
                {model.backbones.join(' + ')}
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
                what={t('anomaly.modelVersion', { name, version: model.version })}
                question={
                  model.active ? t('anomaly.models.delete.question.active', { version: model.version }) : t('anomaly.models.delete.question', { version: model.version })
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
                    {t('anomaly.models.use')}
                  </button>
                )}
                <button type="button" className="button button-small" disabled={busy} data-testid="anomaly-model-show" onClick={() => onShow(model)}>
                  {t('anomaly.models.showAnomalous')}
                </button>
              </RowActionsCell>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
