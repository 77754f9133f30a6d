import { PredictionBadge } from '../ui/PredictionBadge'
import './model-panels.css'

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
        <h2>Model</h2>
      </header>
      <div className="prediction-row">
        <span className="prediction-caption">Predicts</span>
        <PredictionBadge prediction={prediction} color={color} agrees={accepted} testId="prediction" />
        <button
          type="button"
          className="button button-small prediction-accept"
          disabled={accepted}
          title={accepted ? 'The image is already tagged with it' : `Tag the image “${prediction.label}” (P)`}
          data-testid="prediction-accept"
          onClick={onAccept}
        >
          {accepted ? 'Accepted' : 'Accept prediction'}
          {!accepted && <kbd>P</kbd>}
        </button>
      </div>
      {disagrees && <p className="panel-hint">Its tag says otherwise: accepting replaces the classifier’s classes among its tags.</p>}
    </section>
  )
}
