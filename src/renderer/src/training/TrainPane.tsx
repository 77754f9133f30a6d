import { useState } from 'react'
import type { LabelSource } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount } from '../format/numbers'
import { t } from '../i18n/t'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { RunPanel } from './RunPanel'
import { SampleSources } from './SampleSources'
import { NumberField, TrainFormCard, useRunStart } from './TrainFormCard'
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
  { value: 'images', name: t('training.train.samples.images') },
  { value: 'boxes', name: t('training.train.samples.boxes') },
]

const LABEL_SOURCE_CHOICES: readonly RadioChoice<LabelSource>[] = [
  { value: 'tags-then-boxes', name: t('training.train.labels.tagsThenBoxes') },
  { value: 'tags', name: t('training.train.labels.tags') },
  { value: 'boxes', name: t('training.train.labels.boxes') },
]

const LABEL_SOURCE_HINTS: Record<LabelSource, string> = {
  'tags-then-boxes': t('training.train.labelsHint.tagsThenBoxes'),
  tags: t('training.train.labelsHint.tags'),
  boxes: t('training.train.labelsHint.boxes'),
}

const FIELD_HINTS: Partial<Record<NumericField, string>> = {
  maxEpochs: t('training.train.hint.maxEpochs'),
  patience: t('training.train.hint.patience'),
  validationPercent: t('training.train.hint.validationPercent'),
  hiddenUnits: t('training.train.hint.hiddenUnits'),
}

/** Training options (the service's defaults), Start, and the newest run beside them. */
export function TrainPane({ status, run, labels, onLabels }: Props) {
  const client = useClient()
  const [form, setForm] = useState<TrainForm>(DEFAULT_TRAIN_FORM)
  const { starting, refusal, clearRefusal, start } = useRunStart()
  // Until the status for the chosen label source is in, what it would yield is not known.
  const readiness = status?.training.readiness.labels === labels ? status.training.readiness : undefined
  const classes = Object.keys(readiness?.counts ?? {}).sort()
  const plan = planTraining(form, classes, labels)
  const running = isJobActive(run?.job ?? null)
  const modelMissing = status?.search.modelProblem != null
  // Image readiness is known ahead; leaving classes out (or training on boxes) is for the service to judge.
  const knownUnready = form.samples === 'images' && form.excluded.length === 0 && readiness?.ready !== true
  const blocked = status === null || modelMissing || knownUnready
  const canStart = plan.ok && !starting && !running && !blocked

  const set = <K extends keyof TrainForm>(key: K, value: TrainForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }))
    clearRefusal()
  }

  const numberField = (field: NumericField, suffix?: string) => (
    <NumberField
      name={FIELD_NAMES[field]}
      value={form[field]}
      invalid={!plan.ok && plan.field === field}
      testId={`train-${field}`}
      hint={FIELD_HINTS[field]}
      suffix={suffix}
      onChange={(value) => set(field, value)}
    />
  )

  return (
    <div className="train-pane">
      <TrainFormCard
        testId="train-form"
        title={t('training.train.title')}
        intro={t('training.train.intro')}
        problem={!plan.ok ? plan.problem : refusal}
        problemTestId="train-error"
        startTestId="train-start"
        canStart={canStart}
        starting={starting}
        running={running}
        startTitle={running ? t('training.train.busy') : undefined}
        onStart={() => {
          if (plan.ok && canStart) void start(() => client.api.training.start(plan.request))
        }}
      >
        <RadioChoices
          label={t('training.train.learnFrom')}
          variant="segmented"
          choices={SAMPLE_SOURCES}
          value={form.samples}
          testId={(value) => `train-samples-${value}`}
          onChange={(value) => set('samples', value)}
        >
          <p className="field-hint">
            {form.samples === 'images' ? t('training.train.samplesHint.images') : t('training.train.samplesHint.boxes')}
          </p>
        </RadioChoices>

        {form.samples === 'images' && (
          <RadioChoices
            label={t('training.train.labelsFrom')}
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
            <legend className="field-label">{t('training.classes')}</legend>
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
          {numberField('validationPercent', '%')}
        </div>
        <details className="train-more">
          <summary>{t('training.train.more')}</summary>
          <div className="train-fields">
            {numberField('hiddenUnits')}
            {numberField('learningRate')}
            {numberField('batchSize')}
            {numberField('dropout')}
            {numberField('seed')}
          </div>
          <p className="field-hint">{t('training.train.seedHint')}</p>
        </details>
      </TrainFormCard>
      <RunPanel run={run} />
    </div>
  )
}
