import { useState } from 'react'
import type { AnomalyEvaluation, Label } from '../../../shared/api/schemas'
import { RangeWithValue } from '../ui/RangeWithValue'
import { RocChart } from './RocChart'
import { ThresholdConfusion } from './ThresholdConfusion'
import { useAnomalyEvaluation } from './useAnomalyEvaluation'
import { useAnomalyModels } from './useAnomalyModels'
import { WorstImages } from './WorstImages'
import { t, tRich } from '../i18n/t'
import '../ui/forms.css'
import '../training/training.css'
import './evaluation.css'

interface Props {
  /** The version evaluated; null: the one in use. */
  modelId: number | null
  onModel(modelId: number): void
  labels: readonly Label[]
  /** Shows exactly these images in the library (closing whatever covers it). */
  onShowInLibrary(imageIds: readonly number[]): void
}

/**
 * How an anomaly model does on the images people have judged: its ROC curve and AUROC, the confusion at a threshold
 * that can be moved, and the worst false alarms and misses to open, label or show in the library. No screen chrome: it
 * sits in whatever view holds it.
 */
export function EvaluationPane({ modelId, onModel, labels, onShowInLibrary }: Props) {
  const [goodLabel, setGoodLabel] = useState<string | null>(null)
  const [threshold, setThreshold] = useState<number | null>(null)
  const modelList = useAnomalyModels()
  const models = modelList?.models ?? []
  // With no model there is nothing to evaluate: say what to do here rather than relay the service's refusal.
  const noModel = modelList?.problem === null && models.length === 0
  const loaded = useAnomalyEvaluation({
    ...(modelId !== null && { modelId }),
    ...(goodLabel !== null && { goodLabel }),
    ...(threshold !== null && { threshold }),
  })
  const evaluation = loaded?.evaluation ?? null
  const shownLabel = evaluation?.goodLabel ?? goodLabel ?? ''

  return (
    <div className="anomaly-evaluation" data-testid="anomaly-evaluation" data-auroc={evaluation?.auroc ?? ''}>
      <div className="anomaly-evaluation-controls form-row">
        <label className="field-inline">
          <span>{t('anomaly.evaluate.model')}</span>
          <select
            data-testid="eval-model"
            value={evaluation?.model.id ?? modelId ?? ''}
            onChange={(event) => {
              setThreshold(null)
              onModel(Number(event.target.value))
            }}
          >
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {t('anomaly.modelVersion', { name: model.name, version: model.version })}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline" title={t('anomaly.evaluate.goodLabel.title')}>
          <span>{t('anomaly.evaluate.goodLabel')}</span>
          <select data-testid="eval-good-label" value={shownLabel} onChange={(event) => setGoodLabel(event.target.value)}>
            {shownLabel === '' && <option value="">{t('anomaly.evaluate.goodLabel.choose')}</option>}
            {labels.map((label) => (
              <option key={label.id} value={label.name}>
                {label.name}
              </option>
            ))}
          </select>
        </label>
        {evaluation && <ThresholdControl evaluation={evaluation} chosen={threshold} onChange={setThreshold} />}
      </div>

      {noModel ? (
        <p className="muted" data-testid="eval-problem">
          {t('anomaly.evaluate.noModel')}
        </p>
      ) : loaded === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : loaded.problem !== null ? (
        <p className="training-error" role="alert" data-testid="eval-problem">
          {loaded.problem}
        </p>
      ) : (
        <EvaluationBody evaluation={loaded.evaluation} onThreshold={setThreshold} onShowInLibrary={onShowInLibrary} />
      )}
    </div>
  )
}

function ThresholdControl({ evaluation, chosen, onChange }: { evaluation: AnomalyEvaluation; chosen: number | null; onChange(threshold: number | null): void }) {
  // The slider spans every score evaluated, and the model's own threshold even if no score reaches it.
  const top = Math.max(evaluation.roc[0]?.threshold ?? 0, evaluation.model.threshold) * 1.05 || 1
  return (
    <div className="field-inline anomaly-threshold">
      <label htmlFor="anomaly-eval-threshold">{t('anomaly.evaluate.threshold')}</label>
      <RangeWithValue
        id="anomaly-eval-threshold"
        min={0}
        max={top}
        step={top / 1000}
        // The choice itself, not the last answer's: a controlled slider held back while the answer is on its way
        // would report its old value again as the drag's end.
        value={chosen ?? evaluation.model.threshold}
        digits={3}
        testId="eval-threshold"
        onChange={onChange}
      />
      <button
        type="button"
        className="button button-small"
        data-testid="eval-threshold-reset"
        disabled={chosen === null}
        title={t('anomaly.evaluate.modelThreshold.title', { threshold: evaluation.model.threshold.toFixed(3) })}
        onClick={() => onChange(null)}
      >
        {t('anomaly.evaluate.modelThreshold')}
      </button>
    </div>
  )
}

interface BodyProps {
  evaluation: AnomalyEvaluation
  onThreshold(threshold: number): void
  onShowInLibrary(imageIds: readonly number[]): void
}

function EvaluationBody({ evaluation, onThreshold, onShowInLibrary }: BodyProps) {
  const { confusion, leftOut, goodImages, defectImages } = evaluation
  const at = {
    falseAlarmRate: goodImages > 0 ? confusion.falsePositive / goodImages : 0,
    detectionRate: defectImages > 0 ? confusion.truePositive / defectImages : 0,
  }
  const leftOutCounts = { bank: leftOut.bank, unlabelled: leftOut.unlabelled, unscored: leftOut.unscored }
  return (
    <>
      <div className="anomaly-evaluation-truth" data-testid="eval-counts" data-good={goodImages} data-defective={defectImages} data-bank={leftOut.bank}>
        <p>
          {tRich('anomaly.evaluate.truth', {
            goodImages,
            defectImages,
            goodLabel: evaluation.goodLabel,
            good: (chunks) => <strong key="good">{chunks}</strong>,
            defective: (chunks) => <strong key="defective">{chunks}</strong>,
            label: (chunks) => (
              <span key="label" className="mono">
                {chunks}
              </span>
            ),
          })}
        </p>
        <p className="muted">
          {leftOut.conflicting > 0
            ? tRich('anomaly.evaluate.leftOut.conflicting', {
                ...leftOutCounts,
                conflicting: leftOut.conflicting,
                goodLabel: evaluation.goodLabel,
                show: (chunks) => (
                  <button
                    key="show"
                    type="button"
                    className="button button-small"
                    data-testid="eval-conflicting-show"
                    title={t('anomaly.evaluate.conflicting.title')}
                    onClick={() => onShowInLibrary(evaluation.conflictingImageIds)}
                  >
                    {chunks}
                  </button>
                ),
              })
            : t('anomaly.evaluate.leftOut', leftOutCounts)}
        </p>
      </div>

      {evaluation.auroc === null ? (
        <p className="training-notice" data-testid="eval-needs-both">
          {goodImages === 0
            ? t('anomaly.evaluate.noGood', { goodLabel: evaluation.goodLabel })
            : t('anomaly.evaluate.noDefective')}
        </p>
      ) : (
        <div className="anomaly-evaluation-body">
          <RocChart roc={evaluation.roc} at={at} onThreshold={onThreshold} />
          <div className="anomaly-evaluation-side">
            <div className="evaluation-accuracy" data-testid="eval-auroc" data-value={evaluation.auroc}>
              <span className="evaluation-accuracy-value">{evaluation.auroc.toFixed(3)}</span>
              <span className="muted" title={t('anomaly.evaluate.auroc.title')}>
                {t('anomaly.evaluate.auroc')}
              </span>
            </div>
            <ThresholdConfusion evaluation={evaluation} />
          </div>
        </div>
      )}

      <WorstImages
        title={t('anomaly.worst.falseAlarms.title')}
        none={t('anomaly.worst.falseAlarms.none')}
        images={evaluation.worstFalseAlarms}
        mistake={{
          is: (score) => score >= evaluation.threshold,
          name: t('anomaly.worst.falseAlarms.name'),
          one: t('anomaly.worst.falseAlarms.one'),
          count: (count, total) => (count === total ? t('anomaly.worst.falseAlarms.count', { count }) : t('anomaly.worst.falseAlarms.countAmong', { count, total })),
        }}
        testId="worst-false-alarms"
        onShowInLibrary={onShowInLibrary}
      />
      <WorstImages
        title={t('anomaly.worst.misses.title')}
        none={t('anomaly.worst.misses.none')}
        images={evaluation.worstMisses}
        mistake={{
          is: (score) => score < evaluation.threshold,
          name: t('anomaly.worst.misses.name'),
          one: t('anomaly.worst.misses.one'),
          count: (count, total) => (count === total ? t('anomaly.worst.misses.count', { count }) : t('anomaly.worst.misses.countAmong', { count, total })),
        }}
        testId="worst-misses"
        onShowInLibrary={onShowInLibrary}
      />
    </>
  )
}
