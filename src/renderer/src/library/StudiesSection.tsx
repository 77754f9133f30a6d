import { useState } from 'react'
import type { DicomPatient } from '../../../shared/api/schemas'
import { useSeriesTree } from '../catalog/useSeriesTree'
import { SeriesExportButton } from '../dicom-export/SeriesExportButton'
import { dicomDate, personName, seriesLabel, seriesName } from '../format/dicomText'
import { formatCount } from '../format/numbers'
import { openReader } from '../reader/readerScreen'
import type { LibraryQuery } from './libraryQuery'
import './studies.css'
import { t } from '../i18n/t'

type DicomStudy = DicomPatient['studies'][number]
type DicomSeries = DicomStudy['series'][number]

interface Props {
  query: LibraryQuery
  onQueryChange(query: LibraryQuery): void
}

/**
 * The library's DICOM images as patient → study → series, with image (frame) counts. A series filters the grid to
 * it, in instance and frame order; clicking it again turns the filter off. Absent when there are no DICOM images.
 */
export function StudiesSection({ query, onQueryChange }: Props) {
  const { patients, error } = useSeriesTree()
  // Nodes the person opened or closed, against each one's default (patients closed unless alone, studies open).
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set())
  if (!error && (!patients || patients.length === 0)) return null

  const isOpen = (key: string, byDefault: boolean) => toggled.has(key) !== byDefault
  const toggle = (key: string) =>
    setToggled((current) => {
      const next = new Set(current)
      if (!next.delete(key)) next.add(key)
      return next
    })
  const chooseSeries = (series: DicomSeries) => {
    if (series.seriesUid === null) return
    const active = query.dicomSeries?.uid === series.seriesUid
    onQueryChange({ ...query, dicomSeries: active ? undefined : { uid: series.seriesUid, name: seriesName(series) } })
  }

  return (
    <section data-testid="studies">
      <h2 className="sidebar-heading">{t('library.studies.heading')}</h2>
      {error && <p className="sidebar-hint">{t('library.studies.listFailed', { error })}</p>}
      <ul className="study-tree" aria-label={t('library.studies.heading')}>
        {(patients ?? []).map((patient, p) => {
          const patientKey = `p${p}:${patient.patientId ?? ''}:${patient.patientName ?? ''}`
          const open = isOpen(patientKey, patients!.length === 1)
          // The ID goes in the tooltip: the sidebar is narrow, and names are what people scan for.
          const name = personName(patient.patientName) ?? patient.patientId ?? t('library.studies.unnamedPatient')
          return (
            <li key={patientKey}>
              <TreeRow
                depth={0}
                open={open}
                name={name}
                detail={null}
                count={patient.studies.reduce((sum, study) => sum + imagesOf(study), 0)}
                onClick={() => toggle(patientKey)}
                testId="study-patient"
                title={[name, patient.patientId && `ID ${patient.patientId}`].filter(Boolean).join(' · ')}
              />
              {open && (
                <ul>
                  {patient.studies.map((study, s) => {
                    const studyKey = `${patientKey}/s${s}:${study.studyUid ?? ''}`
                    const studyOpen = isOpen(studyKey, true)
                    const date = dicomDate(study.studyDate)
                    return (
                      <li key={studyKey}>
                        <TreeRow
                          depth={1}
                          open={studyOpen}
                          name={study.studyDescription ?? date ?? t('library.studies.study')}
                          detail={study.studyDescription ? date : null}
                          count={imagesOf(study)}
                          onClick={() => toggle(studyKey)}
                          testId="study-study"
                          title={[study.studyDescription, date, study.studyUid].filter(Boolean).join(' · ')}
                        />
                        {studyOpen && (
                          <ul>
                            {study.series.map((series, index) => (
                              <SeriesRow
                                key={series.seriesUid ?? `series-${index}`}
                                series={series}
                                active={series.seriesUid !== null && query.dicomSeries?.uid === series.seriesUid}
                                onClick={() => chooseSeries(series)}
                              />
                            ))}
                          </ul>
                        )}
                      </li>
                    )
                  })}
                </ul>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function imagesOf(study: DicomStudy): number {
  return study.series.reduce((sum, series) => sum + series.images.length, 0)
}

interface TreeRowProps {
  depth: number
  open: boolean
  name: string
  detail: string | null
  count: number
  onClick(): void
  testId: string
  title: string
}

function TreeRow({ depth, open, name, detail, count, onClick, testId, title }: TreeRowProps) {
  return (
    <button type="button" className={`sidebar-entry study-row depth-${depth}`} aria-expanded={open} onClick={onClick} data-testid={testId} title={title}>
      <span className={open ? 'study-twisty is-open' : 'study-twisty'} aria-hidden="true" />
      <span className="sidebar-name">
        {name}
        {detail && <span className="study-detail"> {detail}</span>}
      </span>
      <span className="sidebar-count">{formatCount(count)}</span>
    </button>
  )
}

function SeriesRow({ series, active, onClick }: { series: DicomSeries; active: boolean; onClick(): void }) {
  const name = seriesName(series)
  const images = series.images.length
  const unusable = series.seriesUid === null
  return (
    <li>
      <button
        type="button"
        className={active ? 'sidebar-entry study-row depth-2 is-active' : 'sidebar-entry study-row depth-2'}
        aria-pressed={active}
        disabled={unusable}
        onClick={onClick}
        data-testid="study-series"
        data-series-uid={series.seriesUid ?? ''}
        data-modality={series.modality ?? ''}
        data-count={images}
        title={unusable ? t('library.studies.seriesUnusable', { name }) : t('library.studies.seriesTitle', { name, count: images })}
      >
        <span className="study-modality">{series.modality ?? '—'}</span>
        <span className="sidebar-name">{seriesLabel(series)}</span>
        <span className="sidebar-count">{formatCount(images)}</span>
      </button>
      {series.images[0] && (
        <button
          type="button"
          className="button button-small series-row-action series-read-button"
          aria-label={t('library.studies.readLabel', { name })}
          title={t('library.studies.readTitle', { name })}
          data-testid="study-series-read"
          onClick={() => openReader(series.images[0]!.imageId)}
        >
          {t('library.studies.read')}
        </button>
      )}
      <SeriesExportButton series={series} />
    </li>
  )
}
