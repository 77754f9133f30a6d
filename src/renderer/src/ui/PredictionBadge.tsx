import type { CSSProperties } from 'react'
import './prediction.css'
import { t } from '../i18n/t'

/** "92%": how sure the classifier is, rounded down so that only a certain prediction reads 100%. */
export const formatConfidence = (confidence: number): string => `${Math.floor(confidence * 100)}%`

interface Props {
  prediction: { label: string; confidence: number }
  /** The colour of the predicted label, when it is one of the catalogue's labels. */
  color: string | undefined
  /** The image already carries the predicted label: the badge steps back. */
  agrees: boolean
  className?: string
  testId: string
}

/**
 * The active classifier's guess: dashed and hollow where a real label is a filled chip, so the two are never
 * mistaken for each other.
 */
export function PredictionBadge({ prediction, color, agrees, className, testId }: Props) {
  const percent = formatConfidence(prediction.confidence)
  return (
    <span
      className={['prediction-badge', agrees && 'is-agreeing', className].filter(Boolean).join(' ')}
      style={color ? ({ '--label-color': color } as CSSProperties) : undefined}
      title={agrees ? t('ui.prediction.title', { label: prediction.label, percent }) : t('ui.prediction.titleNotAccepted', { label: prediction.label, percent })}
      data-testid={testId}
      data-label={prediction.label}
      data-confidence={prediction.confidence}
    >
      <span className="prediction-label">{prediction.label}</span>
      <span className="prediction-confidence">{percent}</span>
    </span>
  )
}
