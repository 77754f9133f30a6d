interface Props {
  id: string
  min: number
  max: number
  step: number
  value: number
  /** Decimals the value is written with beside the slider. */
  digits: number
  /** The slider's test id; the value beside it is `<testId>-value`. */
  testId: string
  /** Added to the written value's `mono` class. */
  valueClassName?: string
  onChange(value: number): void
}

/** A slider followed by its value, written out as a number. */
export function RangeWithValue({ id, min, max, step, value, digits, testId, valueClassName, onChange }: Props) {
  return (
    <>
      <input id={id} type="range" min={min} max={max} step={step} value={value} data-testid={testId} onChange={(event) => onChange(Number(event.target.value))} />
      <span className={valueClassName ? `mono ${valueClassName}` : 'mono'} data-testid={`${testId}-value`}>
        {value.toFixed(digits)}
      </span>
    </>
  )
}
