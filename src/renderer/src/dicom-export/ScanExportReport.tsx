import type { DicomExportResult } from '../../../shared/api/schemas'
import { baseName } from '../folders/paths'
import { t, tRich } from '../i18n/t'
import { PathText } from '../ui/PathText'
import { writtenSummary } from './scanExportForm'

/** Exports of whole studies write thousands of files; the folder holds them all, the list shows where it starts. */
const MAX_FILES_LISTED = 100

interface Props {
  result: DicomExportResult
  /** File names of the exported images, by id, to say which one failed. */
  names: ReadonlyMap<number, string>
}

/** How an export went: the files written, each image that failed and why, and what to check before sharing. */
export function ScanExportReport({ result, names }: Props) {
  const { written, failed, warnings } = result
  const dir = () => <PathText key="dir" className="scan-export-dir" path={result.dir} testId="scan-export-dir" />
  return (
    <div className="dialog-body scan-export-report" data-testid="scan-export-report">
      <p
        className={written.length === 0 ? 'scan-export-outcome is-error' : 'scan-export-outcome'}
        data-testid="scan-export-written"
        data-count={written.length}
      >
        {written.length === 0 ? tRich('dicomExport.report.nothingWritten', { dir }) : tRich('dicomExport.report.writtenTo', { summary: writtenSummary(result), dir })}
      </p>
      {written.length > 0 && (
        <ul className="scan-export-list scan-export-files">
          {written.slice(0, MAX_FILES_LISTED).map((entry) => (
            <li key={entry.file} data-testid="scan-export-file" data-file={entry.file} data-sidecar={entry.sidecar ?? ''}>
              {baseName(entry.file)}
              {entry.sidecar && <span className="muted"> + {baseName(entry.sidecar)}</span>}
              {entry.imageIds.length > 1 && <span className="muted"> {t('dicomExport.report.frames', { count: entry.imageIds.length })}</span>}
            </li>
          ))}
          {written.length > MAX_FILES_LISTED && <li className="muted">{t('dicomExport.report.moreFiles', { count: written.length - MAX_FILES_LISTED })}</li>}
        </ul>
      )}
      {failed.length > 0 && (
        <section className="scan-export-section">
          <h3 className="field-label">{t('dicomExport.report.notExported', { count: failed.length })}</h3>
          <ul className="scan-export-list">
            {failed.map(({ imageId, reason }) => (
              <li key={imageId} data-testid="scan-export-failure" data-image-id={imageId}>
                {names.get(imageId) ?? t('dicomExport.report.image', { id: imageId })}: <span className="scan-export-reason">{reason}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {warnings.length > 0 && (
        <section className="scan-export-section">
          <h3 className="field-label">{t('dicomExport.report.warnings')}</h3>
          <ul className="scan-export-list">
            {warnings.map((warning) => (
              <li key={warning} className="scan-export-warning" data-testid="scan-export-warning">
                {warning}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
