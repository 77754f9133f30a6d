import { createPortal } from 'react-dom'
import type { DicomPatient } from '../../../shared/api/schemas'
import { useSeriesTree } from '../catalog/useSeriesTree'
import { dicomDate, personName, seriesName } from '../format/dicomText'
import { t } from '../i18n/t'
import { Dialog } from '../ui/Dialog'

type SeriesEntry = { patient: DicomPatient; study: DicomPatient['studies'][number]; series: DicomPatient['studies'][number]['series'][number] }

interface Props {
  /** The patient of the series read now: their other series come first. */
  patientId: string | null
  /** The series read now, left out. */
  seriesUid: string | null
  onPick(imageId: number): void
  onClose(): void
}

/** Chooses the series for the second viewport: the same patient's (a prior, another sequence) first, then the rest. */
export function ComparePicker({ patientId, seriesUid, onPick, onClose }: Props) {
  const { patients, error } = useSeriesTree()
  const entries = (patients ?? []).flatMap((patient) =>
    patient.studies.flatMap((study) => study.series.map((series): SeriesEntry => ({ patient, study, series }))),
  )
  const others = entries.filter((entry) => entry.series.images.length > 0 && (seriesUid === null || entry.series.seriesUid !== seriesUid))
  const samePatient = (entry: SeriesEntry) => patientId !== null && entry.patient.patientId === patientId
  const ordered = [...others.filter(samePatient), ...others.filter((entry) => !samePatient(entry))]

  return createPortal(
    <Dialog title={t('reader.compare.title')} className="reader-compare-dialog" testId="reader-compare-dialog" onClose={onClose}>
      <div className="dialog-body">
        {error && <p className="dialog-problem">{t('reader.compare.listFailed', { error })}</p>}
        {patients && ordered.length === 0 && <p>{t('reader.compare.none')}</p>}
        <ul className="reader-compare-list">
          {ordered.map(({ patient, study, series }, index) => {
            const first = series.images[0]!
            return (
              <li key={`${series.seriesUid ?? 'none'}-${index}`}>
                <button
                  type="button"
                  className="reader-compare-entry"
                  data-testid="reader-compare-series"
                  data-series-uid={series.seriesUid ?? ''}
                  data-same-patient={String(samePatient({ patient, study, series }))}
                  {...(index === 0 ? { 'data-autofocus': true } : {})}
                  onClick={() => onPick(first.imageId)}
                >
                  <span className="reader-compare-name">{seriesName(series)}</span>
                  <span className="reader-compare-detail">
                    {[personName(patient.patientName) ?? patient.patientId, dicomDate(study.studyDate), study.studyDescription, t('reader.compare.images', { count: series.images.length })]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      </div>
    </Dialog>,
    document.body,
  )
}
