import type { CatalogStats } from '../../../shared/api/schemas'
import { openAnomalyEvaluation } from '../anomaly/anomalyScreen'
import type { LibraryQuery } from './libraryQuery'
import { SidebarEntry } from './SidebarEntry'
import { t } from '../i18n/t'

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
      <h2 className="sidebar-heading" title={t('library.anomaly.headingTitle', { model: anomaly.model })}>
        {t('library.anomaly.heading')}
      </h2>
      <ul>
        <SidebarEntry
          name={t('library.anomaly.anomalous')}
          count={anomaly.anomalous}
          active={query.anomalous === true}
          marker={<span className="sidebar-icon glyph glyph-flag" aria-hidden="true" />}
          onClick={toggle}
          testId="sidebar-anomalous"
          title={t('library.anomaly.anomalousTitle')}
        />
        <SidebarEntry
          name={t('library.anomaly.evaluate')}
          count={undefined}
          active={false}
          marker={<span className="sidebar-icon glyph glyph-curve" aria-hidden="true" />}
          onClick={openAnomalyEvaluation}
          testId="sidebar-anomaly-evaluate"
          title={t('library.anomaly.evaluateTitle')}
        />
      </ul>
    </section>
  )
}
