import type { TrainingReadiness } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** Where the image samples' classes come from, and which images are left out and why, under the chosen source. */
export function SampleSources({ readiness }: { readiness: TrainingReadiness }) {
  const { from, excluded } = readiness
  const origins =
    from.tags > 0 && from.boxes > 0
      ? t('training.sources.fromBoth', { tags: from.tags, boxes: from.boxes })
      : from.tags > 0
        ? t('training.sources.fromTags', { tags: from.tags })
        : from.boxes > 0
          ? t('training.sources.fromBoxes', { boxes: from.boxes })
          : null
  const leftOut = [
    excluded.severalClasses > 0 ? t('training.sources.severalClasses', { count: excluded.severalClasses }) : null,
    excluded.mixedBoxClasses > 0 ? t('training.sources.mixedBoxClasses', { count: excluded.mixedBoxClasses }) : null,
    excluded.tooFew > 0 ? t('training.sources.tooFew', { count: excluded.tooFew }) : null,
  ].filter((part) => part !== null)
  return (
    <p
      className="field-hint"
      data-testid="train-sample-sources"
      data-from-tags={from.tags}
      data-from-boxes={from.boxes}
      data-mixed={excluded.mixedBoxClasses}
    >
      {origins && `${origins} `}
      {leftOut.length > 0 && t('training.sources.leftOut', { reasons: leftOut.join(t('training.sources.separator')) })}
    </p>
  )
}
