import type { z } from 'zod'
import { TrainRequest, type LabelSource, type TrainOptions } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** The numeric options as typed (strings, so a half-typed value stays as it is); validation percentage, not fraction. */
export interface TrainForm {
  samples: TrainOptions['samples']
  maxEpochs: string
  patience: string
  validationPercent: string
  hiddenUnits: string
  learningRate: string
  batchSize: string
  dropout: string
  seed: string
  /** Classes left out of training (image samples); empty: every class. */
  excluded: readonly string[]
}

export type NumericField = Exclude<keyof TrainForm, 'samples' | 'excluded'>

/** The service's own defaults, so the form starts where `loupe train` does. */
const DEFAULTS = TrainRequest.parse({})

export const DEFAULT_TRAIN_FORM: TrainForm = {
  samples: DEFAULTS.samples,
  maxEpochs: String(DEFAULTS.maxEpochs),
  patience: String(DEFAULTS.patience),
  validationPercent: String(Math.round(DEFAULTS.validationFraction * 100)),
  hiddenUnits: String(DEFAULTS.hiddenUnits),
  learningRate: String(DEFAULTS.learningRate),
  batchSize: String(DEFAULTS.batchSize),
  dropout: String(DEFAULTS.dropout),
  seed: String(DEFAULTS.seed),
  excluded: [],
}

export const FIELD_NAMES: Record<NumericField, string> = {
  maxEpochs: t('training.field.maxEpochs'),
  patience: t('training.field.patience'),
  validationPercent: t('training.field.validationPercent'),
  hiddenUnits: t('training.field.hiddenUnits'),
  learningRate: t('training.field.learningRate'),
  batchSize: t('training.field.batchSize'),
  dropout: t('training.field.dropout'),
  seed: t('training.field.seed'),
}

export type TrainPlan = { ok: true; request: TrainOptions } | { ok: false; field: NumericField | null; problem: string }

/** An empty field reads as NaN rather than 0, so it is refused instead of quietly becoming a bound. */
export const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** What is wrong with a field's value, to follow its name: "must be at least 1"; `percent` shows a fraction's bound as one. */
function describeIssue(issue: z.core.$ZodIssue, percent: boolean): string {
  const shown = (value: number | bigint) => (percent ? `${Math.round(Number(value) * 1000) / 10}%` : String(value))
  if (issue.code === 'too_small') return t(issue.inclusive === false ? 'training.field.moreThan' : 'training.field.atLeast', { bound: shown(issue.minimum) })
  if (issue.code === 'too_big') return t(issue.inclusive === false ? 'training.field.lessThan' : 'training.field.atMost', { bound: shown(issue.maximum) })
  if (issue.code === 'invalid_type' && issue.expected === 'int') return t('training.field.wholeNumber')
  if (issue.code === 'invalid_type') return t('training.field.number')
  return issue.message
}

/** A field's problem as a sentence: "Max epochs must be at least 1." */
export function fieldProblem(name: string, issue: z.core.$ZodIssue, percent: boolean): string {
  return t('training.field.problem', { field: name, issue: describeIssue(issue, percent) })
}

/**
 * The request the form asks for, checked against the API's own schema so the limits are never restated here.
 * `classes` are the classes that can be trained on; leaving some out sends the rest by name. `labels` is the label
 * source chosen in the view (held above the form, as the status line judges readiness by it too).
 */
export function planTraining(form: TrainForm, classes: readonly string[], labels: LabelSource): TrainPlan {
  const kept = classes.filter((name) => !form.excluded.includes(name))
  const request = {
    samples: form.samples,
    labels,
    maxEpochs: numberOf(form.maxEpochs),
    patience: numberOf(form.patience),
    validationFraction: numberOf(form.validationPercent) / 100,
    hiddenUnits: numberOf(form.hiddenUnits),
    learningRate: numberOf(form.learningRate),
    batchSize: numberOf(form.batchSize),
    dropout: numberOf(form.dropout),
    seed: numberOf(form.seed),
    ...(form.samples === 'images' && form.excluded.length > 0 ? { classes: kept } : {}),
  }
  if (request.classes && kept.length < 2) return { ok: false, field: null, problem: t('training.field.keepTwoClasses') }
  const parsed = TrainRequest.safeParse(request)
  if (parsed.success) return { ok: true, request: parsed.data }
  const issue = parsed.error.issues[0]!
  const key = String(issue.path[0])
  const field = (key === 'validationFraction' ? 'validationPercent' : key) as NumericField
  if (!(field in FIELD_NAMES)) return { ok: false, field: null, problem: issue.message }
  return { ok: false, field, problem: fieldProblem(FIELD_NAMES[field], issue, field === 'validationPercent') }
}
