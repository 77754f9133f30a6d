import type { CatalogStats } from '../../../shared/api/schemas'
import { openAnomalyEvaluation } from '../anomaly/anomalyScreen'
import type { LibraryQuery } from './libraryQuery'
import { SidebarEntry } from './SidebarEntry'

interface Props {
  anomaly: NonNullable<CatalogStats['anomaly']>
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/** The anomaly model in use: its facet (the images it scores at or above its threshold, highest score first) and its evaluation. */
export function AnomalySection({ anomaly, query, onQueryChange }: Props) {
  const toggle = () =>
    onQueryChange(query.anomalous ? { ...query, anomalous: undefined } : { ...query, anomalous: true, sort: 'anomaly', descending: true })
  return (
    <section data-testid="sidebar-anomaly" data-model={anomaly.model}>
      <h2 className="sidebar-heading" title={`Scores of anomaly model ${anomaly.model}`}>
        Anomaly
      </h2>
      <ul>
        <SidebarEntry
          name="Anomalous"
          count={anomaly.anomalous}
          active={query.anomalous === true}
          marker={<span className="sidebar-icon glyph glyph-flag" aria-hidden="true" />}
          onClick={toggle}
          testId="sidebar-anomalous"
          title="Images the anomaly model scores at or above its threshold: check them for defects"
        />
        <SidebarEntry
          name="Evaluate"
          count={undefined}
          active={false}
          marker={<span className="sidebar-icon glyph glyph-curve" aria-hidden="true" />}
          onClick={openAnomalyEvaluation}
          testId="sidebar-anomaly-evaluate"
          title="How well the anomaly model tells the images labelled good from those labelled or boxed as defects: ROC curve, AUROC, mistakes"
        />
      </ul>
    </section>
  )
}
