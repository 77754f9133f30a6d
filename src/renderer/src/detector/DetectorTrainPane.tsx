import type { DetectorStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount, pluralize } from '../format/numbers'
import { isJobActive } from '../jobs/useLatestJob'
import { NumberField, TrainFormCard, useRunStart } from '../training/TrainFormCard'
import { HintedCheckbox } from '../ui/HintedCheckbox'
import { DetectorRunPanel } from './DetectorRunPanel'
import { DETECTOR_FIELD_NAMES, planDetectorTraining, type DetectorField, type DetectorForm } from './detectorForm'
import type { DetectorRun } from './useDetectorRun'

const FIELD_HINTS: Partial<Record<DetectorField, string>> = {
  maxEpochs: 'Passes over the training images, at most.',
  patience: 'Epochs without a better validation mAP50 before stopping early.',
  validationPercent: 'Images held out (per class) to measure the detector; never trained on.',
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
        title="Train a box detector"
        intro="A detection head learns the box classes from the backbone’s feature maps of the images with boxes. The finished version becomes the active one: it suggests boxes in the annotation view and finds them across the library."
        problem={!plan.ok ? plan.problem : refusal}
        problemTestId="detector-train-error"
        startTestId="detector-train-start"
        canStart={canStart}
        starting={starting}
        running={running}
        startTitle={running ? 'A detector is being trained' : blocked ? (status?.problem ?? undefined) : undefined}
        onStart={() => {
          if (plan.ok && canStart) void start(() => client.api.detector.train(plan.request))
        }}
      >
        <fieldset className="field-group">
          <legend className="field-label">Box classes</legend>
          {classes.length === 0 ? (
            <p className="field-hint" data-testid="detector-no-classes">
              No boxes yet: draw boxes in the annotation view, or import a dataset with its boxes (COCO, YOLO, Pascal VOC).
            </p>
          ) : (
            <div className="train-classes" data-testid="detector-classes">
              {classes.map((entry) => (
                <label key={entry.label} className="train-class" title={`${pluralize(entry.boxes, 'box', 'boxes')} on ${pluralize(entry.images, 'image')}`}>
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
                    {formatCount(entry.boxes)} boxes · {formatCount(entry.images)} img
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
          label="Flipped copies"
          hint="Each training image also mirrored left–right and up–down, with its boxes."
          testId="detector-flips"
          onChange={(checked) => set('flips', checked)}
        />
        <details className="train-more">
          <summary>More options</summary>
          <div className="train-fields">
            {numberField('validationPercent', '%')}
            {numberField('learningRate')}
            {numberField('seed')}
          </div>
          <p className="field-hint">The same seed and boxes give the same split and the same weights.</p>
        </details>
      </TrainFormCard>
      <DetectorRunPanel run={run} />
    </div>
  )
}
