import { useState } from 'react'
import { t } from '../i18n/t'
import { ScanExportDialog } from './ScanExportDialog'

/** The selection bar's way to the scan export: the dialog sorts the DICOM images out of the selection. */
export function ExportScansButton({ imageIds }: { imageIds: ReadonlySet<number> }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="selection-export-scans"
        title={t('dicomExport.selectionButton.title')}
        onClick={() => setOpen(true)}
      >
        {t('dicomExport.selectionButton.label')}
      </button>
      {open && <ScanExportDialog imageIds={[...imageIds]} scope={t('dicomExport.selectionButton.scope')} onClose={() => setOpen(false)} />}
    </>
  )
}
