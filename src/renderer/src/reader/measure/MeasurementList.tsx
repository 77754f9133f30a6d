import { useMemo, useState } from 'react'
import type { DicomMeasurementRow } from '../../../../shared/api/schemas'
import { ScanExportDialog } from '../../dicom-export/ScanExportDialog'
import { t } from '../../i18n/t'
import { KIND_NAMES, measurementSummary } from './measureLabel'
import { useSeriesMeasurements } from './useSeriesMeasurements'
import './measure.css'

interface Props {
  /** The stack's slices in reading order: whose measurements are listed, and what their slice numbers are. */
  sliceIds: readonly number[]
  /** Goes up when measurements may have changed (SliceMeasurements.revision): the list is fetched again. */
  revision: number
  currentImageId: number | null
  selectedId: number | null
  /** Goes to the measurement's slice and selects it there. */
  onOpen(imageId: number, measurementId: number): void
  onDelete(imageId: number, measurementId: number): void
}

/**
 * The series' measurements in slice order, with their values as stored and exported (the services compute them with
 * the same function as the labels on the image). A row opens its slice with the measurement selected; each can be
 * deleted; "Export…" writes the measured slices with measurements.csv through the scan export dialog.
 */
export function MeasurementList({ sliceIds, revision, currentImageId, selectedId, onOpen, onDelete }: Props) {
  const result = useSeriesMeasurements(sliceIds, revision)
  const [exporting, setExporting] = useState(false)
  const sliceNumbers = useMemo(() => new Map(sliceIds.map((id, index) => [id, index + 1])), [sliceIds])
  const rows = useMemo(() => {
    if (result.state !== 'ready') return []
    const slice = (row: DicomMeasurementRow) => sliceNumbers.get(row.imageId) ?? 0
    return [...result.rows].sort((a, b) => slice(a) - slice(b) || a.measurement.id - b.measurement.id)
  }, [result, sliceNumbers])
  const measuredSlices = useMemo(() => [...new Set(rows.map((row) => row.imageId))], [rows])

  return (
    <section className="measurement-list" aria-label={t('reader.list.label')} data-testid="measurement-list">
      <header className="measurement-list-header">
        <h3>{rows.length > 0 ? t('reader.list.headingCount', { count: rows.length }) : t('reader.list.heading')}</h3>
        <button
          type="button"
          className="button button-small"
          disabled={rows.length === 0}
          title={t('reader.list.exportTitle')}
          data-testid="measurements-export"
          onClick={() => setExporting(true)}
        >
          {t('reader.list.export')}
        </button>
      </header>
      {result.state === 'loading' && <p className="measurement-list-empty">{t('reader.list.loading')}</p>}
      {result.state === 'failed' && (
        <p className="measurement-list-empty" role="alert">
          {t('reader.list.failed', { error: result.message })}
        </p>
      )}
      {result.state === 'ready' && rows.length === 0 && (
        <p className="measurement-list-empty">{t('reader.list.empty')}</p>
      )}
      {rows.length > 0 && (
        <ol className="measurement-rows">
          {rows.map((row) => {
            const { measurement, values } = row
            const selected = row.imageId === currentImageId && measurement.id === selectedId
            const slice = sliceNumbers.get(row.imageId)
            return (
              <li
                key={measurement.id}
                className={selected ? 'measurement-row is-selected' : 'measurement-row'}
                data-testid="measurement-row"
                data-image-id={row.imageId}
                data-measurement-id={measurement.id}
              >
                <button
                  type="button"
                  className="measurement-row-open"
                  title={t('reader.list.openTitle')}
                  onClick={() => onOpen(row.imageId, measurement.id)}
                >
                  <span className="measurement-row-slice">{t('reader.list.slice', { slice: slice ?? '?' })}</span>
                  <span className="measurement-row-kind">{t(KIND_NAMES[measurement.kind])}</span>
                  <span className="measurement-row-values" data-testid="measurement-row-values">
                    {measurementSummary(values)}
                  </span>
                  {values.note && <span className="measurement-row-note">{values.note}</span>}
                </button>
                <button
                  type="button"
                  className="button button-small measurement-row-delete"
                  aria-label={t('reader.list.deleteLabel', { kind: measurement.kind, slice: slice ?? '?' })}
                  title={t('reader.list.deleteTitle')}
                  data-testid="measurement-row-delete"
                  onClick={() => onDelete(row.imageId, measurement.id)}
                >
                  ×
                </button>
              </li>
            )
          })}
        </ol>
      )}
      {exporting && (
        <ScanExportDialog
          imageIds={measuredSlices}
          scope={t('reader.list.exportScope', { count: measuredSlices.length })}
          onClose={() => setExporting(false)}
        />
      )}
    </section>
  )
}
