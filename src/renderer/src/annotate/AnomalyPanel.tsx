import type { AnomalyHeatmap, Label } from '../../../shared/api/schemas'
import { DEFECT_LABEL } from './useDefectClass'
import './model-panels.css'
import { t } from '../i18n/t'

interface Props {
  heatmap: AnomalyHeatmap | null
  error: string | null
  loading: boolean
  opacity: number
  onOpacity(opacity: number): void
  /** The class hot regions are accepted as, and the labels to choose it from. */
  defectClass: string
  labels: readonly Label[]
  onDefectClass(name: string): void
}

/**
 * The heat map's side of the anomaly model, while the map is on: the image's score against the threshold, the map's
 * opacity, and the class its hot regions become boxes of (they are listed as suggestions below).
 */
export function AnomalyPanel({ heatmap, error, loading, opacity, onOpacity, defectClass, labels, onDefectClass }: Props) {
  const names = labels.map((label) => label.name)
  // A "defect" label is offered even before it exists: accepting a region makes it.
  const choices = names.includes(defectClass) ? names : [defectClass, ...names]
  return (
    <section
      className="panel-section anomaly-panel"
      data-testid="anomaly-panel"
      data-score={heatmap?.score ?? ''}
      data-threshold={heatmap?.threshold ?? ''}
      data-regions={heatmap?.regions.length ?? ''}
    >
      <header className="panel-heading">
        <h2>{t('annotate.anomaly.title')}</h2>
      </header>
      {error ? (
        <p className="panel-hint" data-testid="anomaly-error">
          {error}
        </p>
      ) : heatmap ? (
        <p className={heatmap.anomalous ? 'anomaly-verdict is-anomalous' : 'anomaly-verdict'} data-testid="anomaly-verdict">
          {t(heatmap.anomalous ? 'annotate.anomaly.verdictAnomalous' : 'annotate.anomaly.verdictGood', {
            score: heatmap.score.toFixed(2),
            ratio: (heatmap.score / heatmap.threshold).toFixed(2),
            threshold: heatmap.threshold.toFixed(2),
            regions: heatmap.regions.length,
          })}
        </p>
      ) : (
        <p className="panel-hint">{loading ? t('annotate.anomaly.computing') : t('annotate.anomaly.noHeatmap')}</p>
      )}
      <label className="suggestion-threshold">
        <span>{t('annotate.anomaly.opacity')}</span>
        <input type="range" min={0.1} max={1} step={0.05} value={opacity} data-testid="heatmap-opacity" onChange={(event) => onOpacity(Number(event.target.value))} />
        <output className="suggestion-threshold-value">{Math.round(opacity * 100)}%</output>
      </label>
      <label className="anomaly-class">
        <span>{t('annotate.anomaly.acceptAs')}</span>
        <select className="select" value={defectClass} data-testid="anomaly-class" onChange={(event) => onDefectClass(event.target.value)}>
          {choices.map((name) => (
            <option key={name} value={name}>
              {name === DEFECT_LABEL && !names.includes(name) ? t('annotate.anomaly.newLabel', { name }) : name}
            </option>
          ))}
        </select>
      </label>
    </section>
  )
}
