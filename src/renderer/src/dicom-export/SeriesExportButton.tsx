import { useState } from 'react'
import type { DicomPatient } from '../../../shared/api/schemas'
import { seriesName } from '../format/dicomText'
import { t } from '../i18n/t'
import { ScanExportDialog } from './ScanExportDialog'

type DicomSeries = DicomPatient['studies'][number]['series'][number]

/** A series row's export button in the Studies tree: shown while the row is hovered or has the keyboard focus. */
export function SeriesExportButton({ series }: { series: DicomSeries }) {
  const [open, setOpen] = useState(false)
  const name = seriesName(series)
  return (
    <>
      <button
        type="button"
        className="button button-small series-row-action series-export-button"
        aria-label={t('dicomExport.seriesButton.ariaLabel', { series: name })}
        title={t('dicomExport.seriesButton.title', { series: name })}
        data-testid="study-series-export"
        onClick={() => setOpen(true)}
      >
        {t('dicomExport.seriesButton.label')}
      </button>
      {open && (
        <ScanExportDialog imageIds={series.images.map((image) => image.imageId)} scope={t('dicomExport.seriesButton.scope', { series: name })} onClose={() => setOpen(false)} />
      )}
    </>
  )
}
