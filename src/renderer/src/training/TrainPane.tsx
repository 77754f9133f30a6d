import { useId, useState } from 'react'
import type { LabelSource } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount } from '../format/numbers'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { RunPanel } from './RunPanel'
import { SampleSources } from './SampleSources'
import { DEFAULT_TRAIN_FORM, FIELD_NAMES, planTraining, type NumericField, type TrainForm } from './trainForm'
import { isJobActive } from '../jobs/useLatestJob'
import type { TrainingRun } from './useTrainingRun'
import type { ModelStatus } from './useTrainingStatus'

interface Props {
  status: ModelStatus | null
  run: TrainingRun | null | undefined
  /** Where image samples take their class from; the status is loaded for it. */
  labels: LabelSource
  onLabels(labels: LabelSource): void
}

const SAMPLE_SOURCES: readonly RadioChoice<TrainForm['samples']>[] = [
  { value: 'images', name: 'Whole images' },
  { value: 'boxes', name: 'Box crops' },
]

const LABEL_SOURCE_CHOICES: readonly RadioChoice<LabelSource>[] = [
  { value: 'tags-then-boxes', name: 'Tags, else boxes' },
  { value: 'tags', name: 'Tags' },
  { value: 'boxes', name: 'Box classes' },
]

const LABEL_SOURCE_HINTS: Record<LabelSource, string> = {
  'tags-then-boxes': 'An image’s class tag; an image without one takes the class all its boxes share.',
  tags: 'An image’s class tag only; boxes are not looked at.',
  boxes: 'The class all of an image’s boxes share; tags are not looked at.',
}

const FIELD_HINTS: Partial<Record<NumericField, string>> = {
  maxEpochs: 'Passes over the training images, at most.',
  patience: 'Epochs without a better validation loss before stopping early.',
  validationPercent: 'Held out (per class) to measure the classifier; never trained on.',
  hiddenUnits: '0 trains a linear classifier.',
}

/** Training options (the service's defaults), Start, and the newest run beside them. */
export function TrainPane({ status, run, labels, onLabels }: Props) {
  const client = useClient()
  const id = useId()
  const [form, setForm] = useState<TrainForm>(DEFAULT_TRAIN_FORM)
  const [starting, setStarting] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  // Until the status for the chosen label source is in, what it would yield is not known.
  const readiness = status?.training.readiness.labels === labels ? status.training.readiness : undefined
  const classes = Object.keys(readiness?.counts ?? {}).sort()
  const plan = planTraining(form, classes, labels)
  const running = isJobActive(run?.job ?? null)
  const modelMissing = status?.search.modelProblem != null
  // Image readiness is known ahead; leaving classes out (or training on boxes) is for the service to judge.
  const knownUnready = form.samples === 'images' && form.excluded.length === 0 && readiness?.ready !== true
  const blocked = status === null || modelMissing || knownUnready

  const set = <K extends keyof TrainForm>(key: K, value: TrainForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }))
    setRefusal(null)
  }

  const start = async () => {
    if (!plan.ok || starting || running || blocked) return
    setStarting(true)
    setRefusal(null)
    try {
      await client.api.training.start(plan.request)
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }

  const numberField = (field: NumericField, props: { suffix?: string } = {}) => (
    <label className="train-field">
      <span className="field-label">{FIELD_NAMES[field]}</span>
      <span className="train-input">
        <input
          className="text-input"
          inputMode="decimal"
          value={form[field]}
          aria-invalid={!plan.ok && plan.field === field}
          data-testid={`train-${field}`}
          onChange={(event) => set(field, event.target.value)}
        />
        {props.suffix && <span className="muted">{props.suffix}</span>}
      </span>
      {FIELD_HINTS[field] && <span className="field-hint">{FIELD_HINTS[field]}</span>}
    </label>
  )

  const problem = !plan.ok ? plan.problem : refusal
  return (
    <div className="train-pane">
      <form
        className="training-card train-form"
        aria-labelledby={`${id}-title`}
        data-testid="train-form"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <h3 className="training-card-title" id={`${id}-title`}>
          Train a classifier
        </h3>
        <p className="field-hint">
          A small network learns the classes from the backbone’s embeddings of the labelled images. The finished version
          becomes the active one and predicts a class for every indexed image.
        </p>

        <RadioChoices
          label="Learn from"
          variant="segmented"
          choices={SAMPLE_SOURCES}
          value={form.samples}
          testId={(value) => `train-samples-${value}`}
          onChange={(value) => set('samples', value)}
        >
          <p className="field-hint">
            {form.samples === 'images'
              ? 'One sample per image with exactly one class.'
              : 'One sample per box, on the crop of the box; every box class takes part. Box classifiers give no image predictions.'}
          </p>
        </RadioChoices>

        {form.samples === 'images' && (
          <RadioChoices
            label="Image classes from"
            variant="segmented"
            choices={LABEL_SOURCE_CHOICES}
            value={labels}
            testId={(value) => `train-labels-${value}`}
            onChange={(value) => {
              // The classes differ between sources: a class left out under one means nothing under another.
              set('excluded', [])
              onLabels(value)
            }}
          >
            <p className="field-hint">{LABEL_SOURCE_HINTS[labels]}</p>
          </RadioChoices>
        )}

        {form.samples === 'images' && classes.length > 0 && (
          <fieldset className="field-group">
            <legend className="field-label">Classes</legend>
            <div className="train-classes" data-testid="train-classes">
              {classes.map((name) => (
                <label key={name} className="train-class">
                  <input
                    type="checkbox"
                    checked={!form.excluded.includes(name)}
                    data-testid="train-class"
                    data-label={name}
                    onChange={(event) =>
                      set('excluded', event.target.checked ? form.excluded.filter((other) => other !== name) : [...form.excluded, name])
                    }
                  />
                  <span className="train-class-name">{name}</span>
                  <span className="muted train-class-count" data-testid="train-class-count">
                    {formatCount(readiness?.counts[name] ?? 0)}
                  </span>
                </label>
              ))}
            </div>
            {readiness && <SampleSources readiness={readiness} />}
          </fieldset>
        )}

        <div className="train-fields">
          {numberField('maxEpochs')}
          {numberField('patience')}
          {numberField('validationPercent', { suffix: '%' })}
        </div>
        <details className="train-more">
          <summary>More options</summary>
          <div className="train-fields">
            {numberField('hiddenUnits')}
            {numberField('learningRate')}
            {numberField('batchSize')}
            {numberField('dropout')}
            {numberField('seed')}
          </div>
          <p className="field-hint">The same seed and labels give the same split and the same weights.</p>
        </details>

        <footer className="train-footer">
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="train-error">
              {problem}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={!plan.ok || starting || running || blocked}
            title={running ? 'A training run is going on' : undefined}
            data-testid="train-start"
          >
            {starting ? 'Starting…' : running ? 'Training…' : 'Start training'}
          </button>
        </footer>
      </form>
      <RunPanel run={run} />
    </div>
  )
}
