import { useState } from 'react'
import type { AnomalyEvaluation, Label } from '../../../shared/api/schemas'
import { formatCount, pluralize } from '../format/numbers'
import { RangeWithValue } from '../ui/RangeWithValue'
import { RocChart } from './RocChart'
import { ThresholdConfusion } from './ThresholdConfusion'
import { useAnomalyEvaluation } from './useAnomalyEvaluation'
import { useAnomalyModels } from './useAnomalyModels'
import { WorstImages } from './WorstImages'
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
  const models = useAnomalyModels()?.models ?? []
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
          <span>Model</span>
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
                {model.name} v{model.version}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline" title="The label of the images known to be good; images with any other label or a box are defective">
          <span>Good images</span>
          <select data-testid="eval-good-label" value={shownLabel} onChange={(event) => setGoodLabel(event.target.value)}>
            {shownLabel === '' && <option value="">Choose their label…</option>}
            {labels.map((label) => (
              <option key={label.id} value={label.name}>
                {label.name}
              </option>
            ))}
          </select>
        </label>
        {evaluation && <ThresholdControl evaluation={evaluation} chosen={threshold} onChange={setThreshold} />}
      </div>

      {loaded === null ? (
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
      <label htmlFor="anomaly-eval-threshold">Threshold</label>
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
        title={`The model's own threshold, ${evaluation.model.threshold.toFixed(3)}, set on good images held out from learning`}
        onClick={() => onChange(null)}
      >
        Model's threshold
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
  return (
    <>
      <div className="anomaly-evaluation-truth" data-testid="eval-counts" data-good={goodImages} data-defective={defectImages} data-bank={leftOut.bank}>
        <p>
          <strong>{pluralize(goodImages, 'good image')}</strong> (label <span className="mono">{evaluation.goodLabel}</span>) against{' '}
          <strong>{pluralize(defectImages, 'defective image')}</strong> (any other label, or at least one box whatever the image's review
          status).
        </p>
        <p className="muted">
          Left out: {pluralize(leftOut.bank, 'image')} the model learnt from (they are in its memory bank, so their scores say
          nothing of new parts; the good images it held out to set its threshold do count), {formatCount(leftOut.unlabelled)}{' '}
          with no label or box, {formatCount(leftOut.unscored)} without a score from this model
          {leftOut.conflicting > 0 && (
            <>
              , and {pluralize(leftOut.conflicting, 'image')} both labelled {evaluation.goodLabel} and defective{' '}
              <button
                type="button"
                className="button button-small"
                data-testid="eval-conflicting-show"
                title="Show them in the library to correct their labels or boxes"
                onClick={() => onShowInLibrary(evaluation.conflictingImageIds)}
              >
                Show in library
              </button>
            </>
          )}
          .
        </p>
      </div>

      {evaluation.auroc === null ? (
        <p className="training-notice" data-testid="eval-needs-both">
          {goodImages === 0
            ? `No good images to compare with: label defect-free images "${evaluation.goodLabel}" (other than those the model learnt from), or choose the label they carry.`
            : 'No defective images to compare with: label images with a defect (any label other than the good one) or draw a box on the defect.'}
        </p>
      ) : (
        <div className="anomaly-evaluation-body">
          <RocChart roc={evaluation.roc} at={at} onThreshold={onThreshold} />
          <div className="anomaly-evaluation-side">
            <div className="evaluation-accuracy" data-testid="eval-auroc" data-value={evaluation.auroc}>
              <span className="evaluation-accuracy-value">{evaluation.auroc.toFixed(3)}</span>
              <span className="muted" title="The chance that a defective image scores above a good one (ties count half)">
                AUROC
              </span>
            </div>
            <ThresholdConfusion evaluation={evaluation} />
          </div>
        </div>
      )}

      <WorstImages
        title="Good images scoring highest"
        none="No good images evaluated."
        images={evaluation.worstFalseAlarms}
        mistake={{ is: (score) => score >= evaluation.threshold, name: 'false alarm', plural: 'false alarms' }}
        testId="worst-false-alarms"
        onShowInLibrary={onShowInLibrary}
      />
      <WorstImages
        title="Defective images scoring lowest"
        none="No defective images evaluated."
        images={evaluation.worstMisses}
        mistake={{ is: (score) => score < evaluation.threshold, name: 'miss', plural: 'misses' }}
        testId="worst-misses"
        onShowInLibrary={onShowInLibrary}
      />
    </>
  )
}
