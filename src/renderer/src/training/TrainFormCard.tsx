import { useId, useState, type ReactNode } from 'react'
import { t } from '../i18n/t'

/** Starting a training run from a form: whether it is starting, and the service's refusal, shown until the form changes. */
export function useRunStart() {
  const [starting, setStarting] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const start = async (launch: () => Promise<unknown>) => {
    setStarting(true)
    setRefusal(null)
    try {
      await launch()
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }
  return { starting, refusal, clearRefusal: () => setRefusal(null), start }
}

interface NumberFieldProps {
  name: string
  value: string
  invalid: boolean
  testId: string
  hint: string | undefined
  suffix?: string | undefined
  onChange(value: string): void
}

/** One typed number of a training form, with its unit and what it does. */
export function NumberField({ name, value, invalid, testId, hint, suffix, onChange }: NumberFieldProps) {
  return (
    <label className="train-field">
      <span className="field-label">{name}</span>
      <span className="train-input">
        <input className="text-input" inputMode="decimal" value={value} aria-invalid={invalid} data-testid={testId} onChange={(event) => onChange(event.target.value)} />
        {suffix && <span className="muted">{suffix}</span>}
      </span>
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  )
}

interface TrainFormCardProps {
  testId: string
  title: string
  /** What is learnt, from what, and what the finished version does. */
  intro: string
  /** Why it cannot start: the form's own problem or the service's refusal. */
  problem: string | null
  /** Test ids: `<testId>` for the form; the problem's and Start's are given. */
  problemTestId: string
  startTestId: string
  canStart: boolean
  starting: boolean
  running: boolean
  /** Start's tooltip, saying why it waits. */
  startTitle: string | undefined
  onStart(): void
  /** The form's fields. */
  children: ReactNode
}

/** A training form's card: title, what it trains, its fields, and Start with the problem that stops it. */
export function TrainFormCard(props: TrainFormCardProps) {
  const { testId, title, intro, problem, problemTestId, startTestId, canStart, starting, running, startTitle, onStart, children } = props
  const id = useId()
  return (
    <form
      className="training-card train-form"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault()
        onStart()
      }}
    >
      <h3 className="training-card-title" id={`${id}-title`}>
        {title}
      </h3>
      <p className="field-hint">{intro}</p>
      {children}
      <footer className="train-footer">
        {problem && (
          <p className="dialog-problem" role="alert" data-testid={problemTestId}>
            {problem}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={!canStart} title={startTitle} data-testid={startTestId}>
          {starting ? t('training.starting') : running ? t('training.train.training') : t('training.train.start')}
        </button>
      </footer>
    </form>
  )
}
