import { useId, type ReactNode } from 'react'
import './forms.css'

export interface RadioChoice<V extends string> {
  value: V
  name: string
  /** What the choice holds, in a line: shown on the card itself by the `cards` variant, not by `segmented`. */
  holds?: string
}

interface Props<V extends string> {
  /** The group's legend, which is also its accessible name. */
  label: string
  /** `cards`: a grid of bordered cards, each with a name and a line; `segmented`: one row of buttons. */
  variant: 'cards' | 'segmented'
  choices: readonly RadioChoice<V>[]
  value: V
  testId(value: NoInfer<V>): string
  disabled?(value: NoInfer<V>): boolean
  onChange(value: NoInfer<V>): void
  /** Shown under the choices, usually a `field-hint`. */
  children?: ReactNode
}

/** A labelled group of radio buttons, each drawn as a card or a segment that the invisible radio covers whole. */
export function RadioChoices<V extends string>({ label, variant, choices, value, testId, disabled, onChange, children }: Props<V>) {
  const name = useId()
  const cards = variant === 'cards'
  return (
    <fieldset className="field-group">
      <legend className="field-label">{label}</legend>
      <div className={cards ? 'format-options' : 'segmented'} role="radiogroup" aria-label={label}>
        {choices.map((choice) => (
          <label key={choice.value} className={cards ? 'format-option' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              disabled={disabled?.(choice.value)}
              data-testid={testId(choice.value)}
              onChange={() => onChange(choice.value)}
            />
            {cards ? (
              <>
                <span className="format-name">{choice.name}</span>
                <span className="format-holds">{choice.holds}</span>
              </>
            ) : (
              choice.name
            )}
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  )
}
