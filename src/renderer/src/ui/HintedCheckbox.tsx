import type { ReactNode } from 'react'

interface Props {
  checked: boolean
  /** What the box turns on, in a few words. */
  label: ReactNode
  /** What that means, in a smaller line under it. */
  hint: ReactNode
  testId: string
  /** Added to the `checkbox` class, for placing it. */
  className?: string
  onChange(checked: boolean): void
}

/** A checkbox with its label and, under the label, a line that explains it. */
export function HintedCheckbox({ checked, label, hint, testId, className, onChange }: Props) {
  return (
    <label className={className ? `checkbox ${className}` : 'checkbox'}>
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      <span>
        {label}
        <span className="checkbox-hint">{hint}</span>
      </span>
    </label>
  )
}
