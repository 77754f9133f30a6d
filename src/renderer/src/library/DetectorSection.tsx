import type { CSSProperties } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useActiveDetector } from '../detector/useActiveDetector'
import type { LibraryQuery } from './libraryQuery'
import { SidebarEntry } from './SidebarEntry'
import { t } from '../i18n/t'

interface Props {
  labels: readonly Label[]
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/**
 * With an active box detector, its classes as facets: the images it found a box of that class on (at its threshold,
 * in what the last Find boxes run stored), best score first. "Any class" finds every image it found a box on.
 */
export function DetectorSection({ labels, query, onQueryChange }: Props) {
  const detector = useActiveDetector()
  if (!detector) return null
  const colors = new Map(labels.map((label) => [label.name, label.color]))
  const isShown = (label: string | undefined) => query.detected !== undefined && query.detected.label === label
  const toggle = (label: string | undefined) =>
    onQueryChange(isShown(label) ? { ...query, detected: undefined } : { ...query, detected: label === undefined ? {} : { label }, sort: 'detection', descending: true })

  return (
    <section data-testid="sidebar-detector" data-detector={detector.name}>
      <h2 className="sidebar-heading" title={t('library.detector.headingTitle', { detector: detector.name, score: detector.scoreThreshold.toFixed(2) })}>
        {t('library.detector.heading')}
      </h2>
      <ul>
        <SidebarEntry
          name={t('library.detector.anyClass')}
          count={undefined}
          active={isShown(undefined)}
          marker={<span className="sidebar-icon glyph glyph-flag" aria-hidden="true" />}
          onClick={() => toggle(undefined)}
          testId="sidebar-found"
          data={{ 'data-label': '' }}
          title={t('library.detector.anyClassTitle')}
        />
        {detector.classes.map((label) => (
          <SidebarEntry
            key={label}
            name={t('library.detector.found', { label })}
            count={undefined}
            active={isShown(label)}
            marker={<span className="label-swatch" style={{ '--label-color': colors.get(label) } as CSSProperties} />}
            onClick={() => toggle(label)}
            testId="sidebar-found"
            data={{ 'data-label': label }}
            title={t('library.detector.foundTitle', { label })}
          />
        ))}
      </ul>
    </section>
  )
}
