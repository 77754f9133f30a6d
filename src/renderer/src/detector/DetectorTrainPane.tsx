import { useId, useState } from 'react'
import type { DetectorStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatCount, pluralize } from '../format/numbers'
import { isJobActive } from '../jobs/useLatestJob'
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
  const id = useId()
  const [starting, setStarting] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const classes = status?.classes ?? []
  const plan = planDetectorTraining(
    form,
    classes.map((entry) => entry.label),
  )
  const running = isJobActive(run?.job ?? null)
  // Leaving classes out is for the service to judge; with every class, the status says already whether it can train.
  const blocked = status === null || (form.excluded.length === 0 && !status.canTrain)

  const set = <K extends keyof DetectorForm>(key: K, value: DetectorForm[K]) => {
    onForm((current) => ({ ...current, [key]: value }))
    setRefusal(null)
  }

  const start = async () => {
    if (!plan.ok || starting || running || blocked) return
    setStarting(true)
    setRefusal(null)
    try {
      await client.api.detector.train(plan.request)
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error))
    } finally {
      setStarting(false)
    }
  }

  const numberField = (field: DetectorField, suffix?: string) => (
    <label className="train-field">
      <span className="field-label">{DETECTOR_FIELD_NAMES[field]}</span>
      <span className="train-input">
        <input
          className="text-input"
          inputMode="decimal"
          value={form[field]}
          aria-invalid={!plan.ok && plan.field === field}
          data-testid={`detector-${field}`}
          onChange={(event) => set(field, event.target.value)}
        />
        {suffix && <span className="muted">{suffix}</span>}
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
        data-testid="detector-train-form"
        onSubmit={(event) => {
          event.preventDefault()
          void start()
        }}
      >
        <h3 className="training-card-title" id={`${id}-title`}>
          Train a box detector
        </h3>
        <p className="field-hint">
          A detection head learns the box classes from the backbone’s feature maps of the images with boxes. The finished
          version becomes the active one: it suggests boxes in the annotation view and finds them across the library.
        </p>

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

        <footer className="train-footer">
          {problem && (
            <p className="dialog-problem" role="alert" data-testid="detector-train-error">
              {problem}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary"
            disabled={!plan.ok || starting || running || blocked}
            title={running ? 'A detector is being trained' : blocked ? (status?.problem ?? undefined) : undefined}
            data-testid="detector-train-start"
          >
            {starting ? 'Starting…' : running ? 'Training…' : 'Start training'}
          </button>
        </footer>
      </form>
      <DetectorRunPanel run={run} />
    </div>
  )
}
