import type { CSSProperties } from 'react'
import type { CatalogStats, PredictionQueue } from '../../../shared/api/schemas'
import { QUEUE_NAMES, type LibraryQuery } from './libraryQuery'
import { SidebarEntry } from './SidebarEntry'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

interface Props {
  predictions: NonNullable<CatalogStats['predictions']>
  labelColors: ReadonlyMap<string, string>
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

const QUEUE_HINTS: Record<PredictionQueue, MessageKey> = {
  labelNext: 'library.model.labelNextHint',
  labelErrors: 'library.model.labelErrorsHint',
}

/**
 * The active classifier's facets: its two work queues and what it predicts. Each is a grid query like the others,
 * so its images open in the annotation workspace and are stepped through with the keyboard.
 */
export function ModelSection({ predictions, labelColors, query, onQueryChange }: Props) {
  const setQueue = (queue: PredictionQueue) => {
    if (query.queue === queue) return onQueryChange({ ...query, queue: undefined })
    // Label next is unlabelled images by definition: a label facet would leave it empty.
    onQueryChange({ ...query, queue, label: queue === 'labelNext' ? undefined : query.label })
  }
  const setPredicted = (label: string) => onQueryChange({ ...query, predictedLabel: query.predictedLabel === label ? undefined : label })

  return (
    <section data-testid="sidebar-model" data-classifier={predictions.classifier}>
      <h2 className="sidebar-heading" title={t('library.model.headingTitle', { classifier: predictions.classifier })}>
        {t('library.model.heading')}
      </h2>
      <ul>
        {(['labelNext', 'labelErrors'] as const).map((queue) => (
          <SidebarEntry
            key={queue}
            name={t(QUEUE_NAMES[queue])}
            count={predictions[queue]}
            active={query.queue === queue}
            marker={<span className={`sidebar-icon glyph glyph-${queue === 'labelNext' ? 'queue' : 'flag'}`} aria-hidden="true" />}
            onClick={() => setQueue(queue)}
            testId="sidebar-queue"
            title={t(QUEUE_HINTS[queue])}
            data={{ 'data-queue': queue }}
          />
        ))}
        {Object.entries(predictions.byLabel).map(([label, count]) => (
          <SidebarEntry
            key={label}
            name={t('library.model.predictedAs', { label })}
            count={count}
            active={query.predictedLabel === label}
            marker={<span className="predicted-swatch" style={{ '--label-color': labelColors.get(label) } as CSSProperties} />}
            onClick={() => setPredicted(label)}
            testId="sidebar-predicted"
            data={{ 'data-label': label }}
          />
        ))}
      </ul>
    </section>
  )
}
