import type { DetectorStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { isJobActive } from '../jobs/useLatestJob'
import { NumberField, TrainFormCard, useRunStart } from '../training/TrainFormCard'
import { HintedCheckbox } from '../ui/HintedCheckbox'
import { DetectorRunPanel } from './DetectorRunPanel'
import { DETECTOR_FIELD_NAMES, planDetectorTraining, type DetectorField, type DetectorForm } from './detectorForm'
import type { DetectorRun } from './useDetectorRun'
import { t } from '../i18n/t'
import { detectorProblem } from './detectorReadiness'

const FIELD_HINTS: Partial<Record<DetectorField, string>> = {
  maxEpochs: t('detector.field.maxEpochs.hint'),
  patience: t('detector.field.patience.hint'),
  validationPercent: t('detector.field.validationPercent.hint'),
}

interface Props {
  status: DetectorStatus | null
  run: DetectorRun | null | undefined
  /** The options as typed, held by the view so that they outlast a look at another tab. */
  form: DetectorForm
  onForm(change: (form: DetectorForm) => DetectorForm): void
}

/** The box classes with their counts, the training options (the service's defaults), Start, and the newest run. */
export function DetectorTrainPane({ status, run, form, onForm }: Props) {
  const client = useClient()
  const { starting, refusal, clearRefusal, start } = useRunStart()
  const classes = status?.classes ?? []
  const plan = planDetectorTraining(
    form,
    classes.map((entry) => entry.label),
  )
  const running = isJobActive(run?.job ?? null)
  // Leaving classes out is for the service to judge; with every class, the status says already whether it can train.
  const blocked = status === null || (form.excluded.length === 0 && !status.canTrain)
  const canStart = plan.ok && !starting && !running && !blocked

  const set = <K extends keyof DetectorForm>(key: K, value: DetectorForm[K]) => {
    onForm((current) => ({ ...current, [key]: value }))
    clearRefusal()
  }

  const numberField = (field: DetectorField, suffix?: string) => (
    <NumberField
      name={DETECTOR_FIELD_NAMES[field]}
      value={form[field]}
      invalid={!plan.ok && plan.field === field}
      testId={`detector-${field}`}
      hint={FIELD_HINTS[field]}
      suffix={suffix}
      onChange={(value) => set(field, value)}
    />
  )

  return (
    <div className="train-pane">
      <TrainFormCard
        testId="detector-train-form"
        title={t('detector.train.title')}
        intro={t('detector.train.intro')}
        problem={!plan.ok ? plan.problem : refusal}
        problemTestId="detector-train-error"
        startTestId="detector-train-start"
        canStart={canStart}
        starting={starting}
        running={running}
        startTitle={running ? t('detector.train.running') : blocked && status ? (detectorProblem(status) ?? undefined) : undefined}
        onStart={() => {
          if (plan.ok && canStart) void start(() => client.api.detector.train(plan.request))
        }}
      >
        <fieldset className="field-group">
          <legend className="field-label">{t('detector.train.classes')}</legend>
          {classes.length === 0 ? (
            <p className="field-hint" data-testid="detector-no-classes">
              {t('detector.train.noBoxes')}
            </p>
          ) : (
            <div className="train-classes" data-testid="detector-classes">
              {classes.map((entry) => (
                <label key={entry.label} className="train-class" title={t('detector.train.class.title', { boxes: entry.boxes, images: entry.images })}>
                  <input
                    type="checkbox"
                    checked={!form.excluded.includes(entry.label)}
                    data-testid="detector-class"
                    data-label={entry.label}
                    data-boxes={entry.boxes}
                    data-images={entry.images}
                    onChange={(event) =>
                      set('excluded', event.target.checked ? form.excluded.filter((other) => other !== entry.label) : [...form.excluded, entry.label])
                    }
                  />
                  <span className="train-class-name">{entry.label}</span>
                  <span className="muted train-class-count">
                    {t('detector.train.class.count', { boxes: entry.boxes, images: entry.images })}
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>

        <div className="train-fields">
          {numberField('maxEpochs')}
          {numberField('patience')}
        </div>
        <HintedCheckbox
          checked={form.flips}
          label={t('detector.train.flips')}
          hint={t('detector.train.flips.hint')}
          testId="detector-flips"
          onChange={(checked) => set('flips', checked)}
        />
        <details className="train-more">
          <summary>{t('detector.train.more')}</summary>
          <div className="train-fields">
            {numberField('validationPercent', '%')}
            {numberField('learningRate')}
            {numberField('seed')}
          </div>
          <p className="field-hint">{t('detector.train.seedHint')}</p>
        </details>
      </TrainFormCard>
      <DetectorRunPanel run={run} />
    </div>
  )
}
