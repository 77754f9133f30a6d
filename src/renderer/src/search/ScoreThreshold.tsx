import { useId, useState } from 'react'
import type { SearchHit } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { firstThreshold, idsScoringAtLeast, shownScoreSpan } from './hitSelection'

interface Props {
  hits: readonly SearchHit[]
  onSelect(threshold: number): void
}

/** "Select the hits scoring at least X", X among the scores on the tiles; the button says how many that is. */
export function ScoreThreshold({ hits, onSelect }: Props) {
  const id = useId()
  // Null until the person types one: then the threshold follows each new answer's scores.
  const [typed, setTyped] = useState<string | null>(null)
  const span = shownScoreSpan(hits)
  if (!span) return null
  const text = typed ?? String(firstThreshold(hits))
  const threshold = text.trim() === '' ? Number.NaN : Number(text)
  const count = Number.isFinite(threshold) ? idsScoringAtLeast(hits, threshold).length : 0
  return (
    <form
      className="score-threshold"
      onSubmit={(event) => {
        event.preventDefault()
        if (count > 0) onSelect(threshold)
      }}
    >
      <label className="field-label" htmlFor={`${id}-threshold`}>
        {t('search.threshold.label')}
      </label>
      <input
        id={`${id}-threshold`}
        className="text-input score-threshold-input"
        type="number"
        min={span.lowest}
        max={span.highest}
        step={0.01}
        value={text}
        title={t('search.threshold.title', { lowest: span.lowest.toFixed(2), highest: span.highest.toFixed(2) })}
        data-testid="hit-threshold"
        onChange={(event) => setTyped(event.target.value)}
      />
      <button type="submit" className="button button-small" disabled={count === 0} data-testid="hit-threshold-select" data-count={count}>
        {t('search.threshold.select', { count })}
      </button>
    </form>
  )
}
