import { useEffect, useId, useState } from 'react'
import type { AnomalyModelSummary, AnomalyThresholdPreview } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatPercent } from '../training/formatMetrics'
import { t } from '../i18n/t'

interface Props {
  model: AnomalyModelSummary
  /** Shows the version's anomalous images in the library. */
  onShow(): void
}

/** Slider steps between 0 and the highest score seen. */
const STEPS = 400

/**
 * One version's threshold: moving it shows at once what it would cost in false alarms (on the good images held out
 * when learning) and how many catalogue images it would flag; Save makes the library follow it.
 */
export function ThresholdPanel({ model, onShow }: Props) {
  const client = useClient()
  const id = useId()
  const [text, setText] = useState(model.threshold.toFixed(3))
  const [preview, setPreview] = useState<AnomalyThresholdPreview | null>(null)
  const [highest, setHighest] = useState<number | null>(null)
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  // A threshold saved from elsewhere (another window, the CLI) replaces what is shown, unless it is what is typed.
  const [seenThreshold, setSeenThreshold] = useState(model.threshold)
  if (seenThreshold !== model.threshold) {
    setSeenThreshold(model.threshold)
    if (Number(text) !== model.threshold) setText(model.threshold.toFixed(3))
  }
  const typed = Number(text)
  const valid = text.trim() !== '' && Number.isFinite(typed) && typed >= 0
  const threshold = valid ? typed : model.threshold

  useEffect(() => {
    let current = true
    client.api.anomaly.previewThreshold({ id: model.id, threshold }).then(
      (answer) => {
        if (!current) return
        setPreview(answer)
        setProblem(null)
        // The slider's end is fixed by the first answer, so it does not move under the hand.
        setHighest((known) => known ?? answer.highestScore)
      },
      (error: unknown) => {
        if (current) setProblem(error instanceof Error ? error.message : String(error))
      },
    )
    return () => {
      current = false
    }
  }, [client, model.id, threshold])

  const save = async () => {
    if (!valid || saving) return
    setSaving(true)
    setProblem(null)
    try {
      await client.api.anomaly.setThreshold({ id: model.id, threshold })
      setSaved(true)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setSaving(false)
    }
  }

  const end = Math.max(highest ?? 0, model.threshold, threshold) * 1.1 || 1
  const changed = valid && threshold !== model.threshold
  const shown = preview && preview.threshold === threshold ? preview : null
  return (
    <section className="anomaly-card anomaly-threshold" aria-labelledby={`${id}-title`} data-testid="threshold-panel" data-model-id={model.id}>
      <h3 className="anomaly-card-title" id={`${id}-title`}>
        {t(model.active ? 'anomaly.threshold.title.active' : 'anomaly.threshold.title', { model: t('anomaly.modelVersion', { name: model.name, version: model.version }) })}
      </h3>
      <p className="field-hint">{t('anomaly.threshold.hint', { heldOut: model.heldOutImages })}</p>
      <div className="anomaly-threshold-controls">
        <input
          type="range"
          aria-label={t('anomaly.threshold.slider')}
          min={0}
          max={end}
          step={end / STEPS}
          value={threshold}
          data-testid="threshold-slider"
          onChange={(event) => {
            setText(Number(event.target.value).toFixed(3))
            setSaved(false)
          }}
        />
        <input
          className="text-input anomaly-threshold-input"
          inputMode="decimal"
          aria-label={t('anomaly.threshold.value')}
          aria-invalid={!valid}
          value={text}
          data-testid="threshold-input"
          onChange={(event) => {
            setText(event.target.value)
            setSaved(false)
          }}
        />
      </div>
      <dl className="anomaly-threshold-effect" aria-live="polite">
        <dt>{t('anomaly.threshold.expectedFalseAlarms')}</dt>
        <dd data-testid="threshold-false-alarms" data-rate={shown?.falseAlarmRate ?? ''}>
          {shown ? t('anomaly.threshold.expectedFalseAlarms.value', { rate: formatPercent(shown.falseAlarmRate) }) : '…'}
        </dd>
        <dt>{t('anomaly.threshold.flagged')}</dt>
        <dd data-testid="threshold-flagged" data-count={shown?.flagged ?? ''}>
          {shown ? t('anomaly.threshold.flagged.value', { flagged: shown.flagged, scored: shown.scoredImages }) : '…'}
        </dd>
      </dl>
      {!valid && (
        <p className="dialog-problem" role="alert">
          {t('anomaly.threshold.invalid')}
        </p>
      )}
      {problem && (
        <p className="dialog-problem" role="alert" data-testid="threshold-error">
          {problem}
        </p>
      )}
      {saved && !changed && (
        <p className="anomaly-notice" role="status" data-testid="threshold-saved">
          {model.active ? t('anomaly.threshold.saved.active') : t('anomaly.threshold.saved.inactive')}
        </p>
      )}
      <p className="field-hint">{t('anomaly.threshold.boxesHint')}</p>
      <div className="anomaly-actions">
        <button type="button" className="button button-primary" disabled={!changed || saving} data-testid="threshold-save" onClick={() => void save()}>
          {saving ? t('anomaly.threshold.saving') : t('anomaly.threshold.save')}
        </button>
        <button type="button" className="button" disabled={!changed} data-testid="threshold-revert" onClick={() => setText(model.threshold.toFixed(3))}>
          {t('anomaly.threshold.revert')}
        </button>
        <button type="button" className="button" data-testid="threshold-show" onClick={onShow}>
          {t('anomaly.threshold.showAnomalous')}
        </button>
      </div>
    </section>
  )
}
