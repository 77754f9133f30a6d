import { useState } from 'react'
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
        title="Write the selected DICOM images as PNG or DICOM files, de-identified"
        onClick={() => setOpen(true)}
      >
        Export scans…
      </button>
      {open && <ScanExportDialog imageIds={[...imageIds]} scope="the selection" onClose={() => setOpen(false)} />}
    </>
  )
}
