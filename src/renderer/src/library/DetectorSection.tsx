import type { CSSProperties } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { useActiveDetector } from '../detector/useActiveDetector'
import type { LibraryQuery } from './libraryQuery'
import { SidebarEntry } from './SidebarEntry'

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
      <h2 className="sidebar-heading" title={`Boxes found by ${detector.name} at score ${detector.scoreThreshold.toFixed(2)} or more`}>
        Found by detector
      </h2>
      <ul>
        <SidebarEntry
          name="Any class"
          count={undefined}
          active={isShown(undefined)}
          marker={<span className="sidebar-icon glyph glyph-flag" aria-hidden="true" />}
          onClick={() => toggle(undefined)}
          testId="sidebar-found"
          data={{ 'data-label': '' }}
          title="Images the detector found any box on, best score first (run Find boxes in the Detector view to update)"
        />
        {detector.classes.map((label) => (
          <SidebarEntry
            key={label}
            name={`Found: ${label}`}
            count={undefined}
            active={isShown(label)}
            marker={<span className="label-swatch" style={{ '--label-color': colors.get(label) } as CSSProperties} />}
            onClick={() => toggle(label)}
            testId="sidebar-found"
            data={{ 'data-label': label }}
            title={`Images the detector found a ${label} box on, best score first`}
          />
        ))}
      </ul>
    </section>
  )
}
