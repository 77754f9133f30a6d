import type { CSSProperties } from 'react'
import type { BoxSuggestion } from '../../../shared/api/schemas'
import { SUGGESTION_COLOR } from './SuggestionLayer'
import './model-panels.css'
import { t } from '../i18n/t'

interface Props {
  /** Every pending suggestion of the image, highest score first. */
  pending: readonly BoxSuggestion[]
  /** The lowest score shown, with a slider to set it; without one, every suggestion is shown. */
  threshold?: number
  highlightedId: number | null
  colors: ReadonlyMap<string, string>
  onThreshold?(threshold: number): void
  /** Where the suggestions come from, when not the detector. */
  title?: string
  testId?: string
  onAccept(ids: readonly number[]): void
  onReject(ids: readonly number[]): void
}

/**
 * The detector's box suggestions for this image: a score threshold (those below it are not shown or acted on), and
 * each one above it to accept as a box or reject, or all at once.
 */
export function SuggestionsPanel({ pending, threshold, highlightedId, colors, onThreshold, title = t('annotate.suggestions.title'), testId = 'suggestions-panel', onAccept, onReject }: Props) {
  const shown = threshold === undefined ? pending : pending.filter((suggestion) => suggestion.score >= threshold)
  const ids = shown.map((suggestion) => suggestion.id)
  return (
    <section className="panel-section suggestions-panel" data-testid={testId} data-pending={pending.length} data-shown={shown.length}>
      <header className="panel-heading">
        <h2>{title}</h2>
        <span className="panel-count">{shown.length}</span>
      </header>
      {threshold !== undefined && onThreshold && (
        <label className="suggestion-threshold">
          <span>{t('annotate.suggestions.minScore')}</span>
          <input
            type="range"
            min={0.05}
            max={1}
            step={0.05}
            value={threshold}
            data-testid="suggestion-threshold"
            onChange={(event) => onThreshold(Number(event.target.value))}
          />
          <output className="suggestion-threshold-value">{threshold.toFixed(2)}</output>
        </label>
      )}
      {shown.length === 0 ? (
        <p className="panel-hint">{t('annotate.suggestions.allBelow', { count: pending.length })}</p>
      ) : (
        <>
          <ul className="suggestion-list">
            {shown.map((suggestion) => (
              <li
                key={suggestion.id}
                className={`suggestion-row${suggestion.id === highlightedId ? ' is-highlighted' : ''}`}
                style={{ '--label-color': colors.get(suggestion.label) ?? SUGGESTION_COLOR } as CSSProperties}
                data-testid="suggestion-item"
                data-suggestion-id={suggestion.id}
                data-label={suggestion.label}
                data-score={suggestion.score}
                data-x={suggestion.x}
                data-y={suggestion.y}
                data-w={suggestion.width}
                data-h={suggestion.height}
                data-highlighted={suggestion.id === highlightedId}
              >
                <span className="suggestion-swatch" />
                <span className="suggestion-name">{suggestion.label}</span>
                <span className="suggestion-score">{suggestion.score.toFixed(2)}</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('annotate.suggestions.acceptOne', { label: suggestion.label })}
                  title={suggestion.id === highlightedId ? t('annotate.suggestions.acceptKey') : t('annotate.suggestions.accept')}
                  data-testid="suggestion-accept"
                  onClick={() => onAccept([suggestion.id])}
                >
                  ✓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('annotate.suggestions.rejectOne', { label: suggestion.label })}
                  title={suggestion.id === highlightedId ? t('annotate.suggestions.rejectKey') : t('annotate.suggestions.reject')}
                  data-testid="suggestion-reject"
                  onClick={() => onReject([suggestion.id])}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="suggestion-actions">
            <button type="button" className="button button-small" title={t('annotate.suggestions.acceptAllTitle')} data-testid="suggestions-accept-all" onClick={() => onAccept(ids)}>
              {t('annotate.suggestions.acceptAll', { count: shown.length })}
            </button>
            <button type="button" className="button button-small button-ghost" data-testid="suggestions-reject-all" onClick={() => onReject(ids)}>
              {t('annotate.suggestions.rejectAll')}
            </button>
          </div>
        </>
      )}
    </section>
  )
}
