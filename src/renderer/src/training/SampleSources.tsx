import type { TrainingReadiness } from '../../../shared/api/schemas'
import { pluralize } from '../format/numbers'

/** Where the image samples' classes come from, and which images are left out and why, under the chosen source. */
export function SampleSources({ readiness }: { readiness: TrainingReadiness }) {
  const { from, excluded } = readiness
  const origins = [
    from.tags > 0 ? `${pluralize(from.tags, 'image')} by tag` : null,
    from.boxes > 0 ? `${pluralize(from.boxes, 'image')} by box class` : null,
  ].filter((part) => part !== null)
  const leftOut = [
    excluded.severalClasses > 0 ? `${pluralize(excluded.severalClasses, 'image')} with several class tags` : null,
    excluded.mixedBoxClasses > 0 ? `${pluralize(excluded.mixedBoxClasses, 'image')} whose boxes have different classes` : null,
    excluded.tooFew > 0 ? `${pluralize(excluded.tooFew, 'image')} in classes with too few to train` : null,
  ].filter((part) => part !== null)
  return (
    <p
      className="field-hint"
      data-testid="train-sample-sources"
      data-from-tags={from.tags}
      data-from-boxes={from.boxes}
      data-mixed={excluded.mixedBoxClasses}
    >
      {origins.length > 0 && <>Classes from {origins.join(' and ')}. </>}
      {leftOut.length > 0 && <>Left out: {leftOut.join('; ')}.</>}
    </p>
  )
}
