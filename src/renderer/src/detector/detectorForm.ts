import { DetectorTrainRequest } from '../../../shared/api/schemas'
import { fieldProblem, numberOf } from '../training/trainForm'
import { t } from '../i18n/t'

/** The options as typed (strings, so a half-typed value stays as it is); validation as a percentage. */
export interface DetectorForm {
  maxEpochs: string
  patience: string
  validationPercent: string
  learningRate: string
  seed: string
  flips: boolean
  /** Box classes left out; empty: every class with boxes. */
  excluded: readonly string[]
}

export type DetectorField = Exclude<keyof DetectorForm, 'flips' | 'excluded'>

/** The service's own defaults, so the form starts where `loupe detector train` does. */
const DEFAULTS = DetectorTrainRequest.parse({})

export const DEFAULT_DETECTOR_FORM: DetectorForm = {
  maxEpochs: String(DEFAULTS.maxEpochs),
  patience: String(DEFAULTS.patience),
  validationPercent: String(Math.round(DEFAULTS.validationFraction * 100)),
  learningRate: String(DEFAULTS.learningRate),
  seed: String(DEFAULTS.seed),
  flips: DEFAULTS.flips,
  excluded: [],
}

export const DETECTOR_FIELD_NAMES: Record<DetectorField, string> = {
  maxEpochs: t('detector.field.maxEpochs'),
  patience: t('detector.field.patience'),
  validationPercent: t('detector.field.validationPercent'),
  learningRate: t('detector.field.learningRate'),
  seed: t('detector.field.seed'),
}

export type DetectorPlan = { ok: true; request: DetectorTrainRequest } | { ok: false; field: DetectorField | null; problem: string }

/**
 * The request the form asks for, checked against the API's own schema so its limits are not restated here. `classes`
 * are the box classes that have boxes; leaving some out sends the rest by name.
 */
export function planDetectorTraining(form: DetectorForm, classes: readonly string[]): DetectorPlan {
  const kept = classes.filter((name) => !form.excluded.includes(name))
  if (form.excluded.length > 0 && kept.length === 0) return { ok: false, field: null, problem: t('detector.form.keepOneClass') }
  const parsed = DetectorTrainRequest.safeParse({
    maxEpochs: numberOf(form.maxEpochs),
    patience: numberOf(form.patience),
    validationFraction: numberOf(form.validationPercent) / 100,
    learningRate: numberOf(form.learningRate),
    seed: numberOf(form.seed),
    flips: form.flips,
    ...(form.excluded.length > 0 ? { classes: kept } : {}),
  })
  if (parsed.success) return { ok: true, request: parsed.data }
  const issue = parsed.error.issues[0]!
  const key = String(issue.path[0])
  const field = (key === 'validationFraction' ? 'validationPercent' : key) as DetectorField
  if (!(field in DETECTOR_FIELD_NAMES)) return { ok: false, field: null, problem: issue.message }
  return { ok: false, field, problem: fieldProblem(DETECTOR_FIELD_NAMES[field], issue, field === 'validationPercent') }
}
