import { useMemo, useState } from 'react'
import type { DicomMeasurementRow } from '../../../../shared/api/schemas'
import { ScanExportDialog } from '../../dicom-export/ScanExportDialog'
import { pluralize } from '../../format/numbers'
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
    <section className="measurement-list" aria-label="Measurements" data-testid="measurement-list">
      <header className="measurement-list-header">
        <h3>Measurements{rows.length > 0 ? ` (${rows.length})` : ''}</h3>
        <button
          type="button"
          className="button button-small"
          disabled={rows.length === 0}
          title="Write the measured slices as PNG or DICOM files, with measurements.csv listing every measurement and its values"
          data-testid="measurements-export"
          onClick={() => setExporting(true)}
        >
          Export…
        </button>
      </header>
      {result.state === 'loading' && <p className="measurement-list-empty">Loading…</p>}
      {result.state === 'failed' && (
        <p className="measurement-list-empty" role="alert">
          The measurements could not be listed: {result.message}
        </p>
      )}
      {result.state === 'ready' && rows.length === 0 && (
        <p className="measurement-list-empty">None yet: pick Length (L), Rectangle (B), Ellipse (O) or Angle (A) and drag on the image.</p>
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
                  title="Go to its slice and select it"
                  onClick={() => onOpen(row.imageId, measurement.id)}
                >
                  <span className="measurement-row-slice">Im {slice ?? '?'}</span>
                  <span className="measurement-row-kind">{KIND_NAMES[measurement.kind]}</span>
                  <span className="measurement-row-values" data-testid="measurement-row-values">
                    {measurementSummary(values)}
                  </span>
                  {values.note && <span className="measurement-row-note">{values.note}</span>}
                </button>
                <button
                  type="button"
                  className="button button-small measurement-row-delete"
                  aria-label={`Delete the ${KIND_NAMES[measurement.kind].toLowerCase()} on slice ${slice ?? '?'}`}
                  title="Delete (Ctrl+Z on its slice brings it back)"
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
          scope={`the ${pluralize(measuredSlices.length, 'measured slice')} of this series`}
          onClose={() => setExporting(false)}
        />
      )}
    </section>
  )
}
