import type { LabelSource, TrainingReadiness } from '../../../shared/api/schemas'
import type { MessageKey } from '../i18n/catalog-types'
import { activeLocale } from '../i18n/locale'
import { t } from '../i18n/t'

/** How a person gives image samples a class under each label source, for the sentence that says what is missing. */
const HOW_TO_LABEL: Record<LabelSource, MessageKey> = {
  tags: 'training.readiness.how.tags',
  boxes: 'training.readiness.how.boxes',
  'tags-then-boxes': 'training.readiness.how.tagsThenBoxes',
}

function leftOut({ severalClasses: several, mixedBoxClasses: mixed }: TrainingReadiness['excluded']): string | null {
  if (several > 0 && mixed > 0) return t('training.readiness.leftOut.both', { several, mixed })
  if (several > 0) return t('training.readiness.leftOut.several', { several })
  if (mixed > 0) return t('training.readiness.leftOut.mixed', { mixed })
  return null
}

/**
 * Why these samples cannot train a classifier, said from the readiness's code and counts in the page's language (the
 * service's `problem` is the same in English, for the CLI); null when they can.
 */
export function readinessProblem(readiness: TrainingReadiness): string | null {
  const { problemCode, samples, minimumPerClass: minimum, counts } = readiness
  if (problemCode === null) return null
  const how = t(samples === 'boxes' ? 'training.readiness.how.boxCrops' : HOW_TO_LABEL[readiness.labels])
  const classes = Object.keys(counts).sort()
  if (problemCode === 'no-labels') {
    const problem = t('training.readiness.noLabels', { samples, how, minimum })
    const left = leftOut(readiness.excluded)
    return left ? t('training.readiness.withLeftOut', { problem, leftOut: left }) : problem
  }
  if (problemCode === 'one-class') {
    const [label = ''] = classes
    return t('training.readiness.oneClass', { samples, how, minimum, label, count: counts[label] ?? 0 })
  }
  const short = classes.filter((name) => (counts[name] ?? 0) < minimum).map((label) => t('training.readiness.classCount', { label, count: counts[label] ?? 0 }))
  return t('training.readiness.tooFew', { samples, minimum, classes: new Intl.ListFormat(activeLocale(), { type: 'conjunction', style: 'narrow' }).format(short) })
}
