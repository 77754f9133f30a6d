import { PredictionBadge } from '../ui/PredictionBadge'
import './model-panels.css'
import { t } from '../i18n/t'

interface Props {
  prediction: { label: string; confidence: number }
  tags: readonly string[]
  color: string | undefined
  onAccept(): void
}

/** What the active classifier thinks the image is, and the one key that makes it the image's tag. */
export function PredictionPanel({ prediction, tags, color, onAccept }: Props) {
  const accepted = tags.includes(prediction.label)
  // Tags the classifier would replace: the image says one thing, the model another.
  const disagrees = !accepted && tags.length > 0
  return (
    <section className="panel-section prediction-panel" data-testid="prediction-panel" data-label={prediction.label}>
      <header className="panel-heading">
        <h2>{t('annotate.prediction.title')}</h2>
      </header>
      <div className="prediction-row">
        <span className="prediction-caption">{t('annotate.prediction.predicts')}</span>
        <PredictionBadge prediction={prediction} color={color} agrees={accepted} testId="prediction" />
        <button
          type="button"
          className="button button-small prediction-accept"
          disabled={accepted}
          title={accepted ? t('annotate.prediction.alreadyTagged') : t('annotate.prediction.tagTitle', { label: prediction.label })}
          data-testid="prediction-accept"
          onClick={onAccept}
        >
          {accepted ? t('annotate.prediction.accepted') : t('annotate.prediction.accept')}
          {!accepted && <kbd>P</kbd>}
        </button>
      </div>
      {disagrees && <p className="panel-hint">{t('annotate.prediction.disagrees')}</p>}
    </section>
  )
}
