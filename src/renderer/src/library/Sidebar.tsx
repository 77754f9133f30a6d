import type { CSSProperties } from 'react'
import { REVIEW_STATUSES, type CatalogStats, type Label } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'
import { StatusDot } from '../ui/StatusDot'
import { isFiltered, unfiltered, type LibraryQuery } from './libraryQuery'
import { AnomalySection } from './AnomalySection'
import { DetectorSection } from './DetectorSection'
import { ModelSection } from './ModelSection'
import { SidebarEntry } from './SidebarEntry'
import { StudiesSection } from './StudiesSection'
import './sidebar.css'
import { t } from '../i18n/t'

interface Props {
  stats: CatalogStats | null
  labels: readonly Label[]
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/**
 * Filters: one label facet (any / none / a label), one status facet, and with an active classifier its queues and
 * predicted classes (ModelSection), with an anomaly model its anomalous images (AnomalySection), with an active box
 * detector the images it found boxes on (DetectorSection); clicking the active entry turns it off.
 */
export function Sidebar({ stats, labels, query, onQueryChange }: Props) {
  const setLabel = (label: LibraryQuery['label']) =>
    onQueryChange({ ...query, label: query.label === label ? undefined : label })
  const unlabelled = stats ? stats.images - stats.labelled : undefined

  return (
    <nav className="sidebar" aria-label={t('library.sidebar.label')} data-testid="sidebar">
      <section>
        <ul>
          <SidebarEntry
            name={t('library.allImages')}
            count={stats?.images}
            active={!isFiltered(query)}
            marker={<span className="sidebar-icon glyph glyph-all" aria-hidden="true" />}
            onClick={() => onQueryChange(unfiltered(query))}
            testId="sidebar-all"
          />
          <SidebarEntry
            name={t('library.noLabel')}
            count={unlabelled}
            active={query.label === null}
            marker={<span className="sidebar-icon glyph glyph-none" aria-hidden="true" />}
            onClick={() => setLabel(null)}
            testId="sidebar-unlabelled"
          />
        </ul>
      </section>

      <section>
        <h2 className="sidebar-heading">{t('library.sidebar.labels')}</h2>
        {labels.length === 0 ? (
          <p className="sidebar-hint">{t('library.sidebar.noLabels')}</p>
        ) : (
          <ul>
            {labels.map((label) => (
              <SidebarEntry
                key={label.id}
                name={label.name}
                count={stats?.byLabel[label.name] ?? label.imageCount}
                active={query.label === label.name}
                marker={<span className="label-swatch" style={{ '--label-color': label.color } as CSSProperties} />}
                onClick={() => setLabel(label.name)}
                testId="sidebar-label"
                data={{ 'data-label': label.name }}
              />
            ))}
          </ul>
        )}
      </section>

      {stats?.predictions && (
        <ModelSection
          predictions={stats.predictions}
          labelColors={new Map(labels.map((label) => [label.name, label.color]))}
          query={query}
          onQueryChange={onQueryChange}
        />
      )}

      {stats?.anomaly && <AnomalySection anomaly={stats.anomaly} query={query} onQueryChange={onQueryChange} />}

      <DetectorSection labels={labels} query={query} onQueryChange={onQueryChange} />

      <section>
        <h2 className="sidebar-heading">{t('library.sidebar.reviewStatus')}</h2>
        <ul>
          {REVIEW_STATUSES.map((status) => (
            <SidebarEntry
              key={status}
              name={STATUS_NAMES[status]}
              count={stats?.byStatus[status]}
              active={query.status === status}
              marker={<StatusDot status={status} decorative />}
              onClick={() => onQueryChange({ ...query, status: query.status === status ? undefined : status })}
              testId="sidebar-status"
              data={{ 'data-status': status }}
            />
          ))}
        </ul>
      </section>

      <StudiesSection query={query} onQueryChange={onQueryChange} />
    </nav>
  )
}
