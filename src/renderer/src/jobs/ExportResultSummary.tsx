import { useState } from 'react'
import type { ExportResult } from '../../../shared/api/schemas'
import { useToasts } from '../feedback/ToastContext'
import { t, tRich } from '../i18n/t'
import { exportWarnings } from '../exports/lossText'

const COPIED_MS = 1_500

/** Copies through the Clipboard API, or, where that is refused (an insecure page), by selecting and copying. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
  } catch (error) {
    if (!field) throw error
    field.select()
    if (!document.execCommand('copy')) throw error
  }
}

export function ExportResultSummary({ result }: { result: ExportResult }) {
  const { reportError } = useToasts()
  const [copied, setCopied] = useState(false)
  const [field, setField] = useState<HTMLInputElement | null>(null)
  const warnings = exportWarnings(result)

  const copy = async () => {
    try {
      await copyText(result.dir, field)
      setCopied(true)
      setTimeout(() => setCopied(false), COPIED_MS)
    } catch (error) {
      reportError(error)
    }
  }

  return (
    <div
      className="job-result export-result"
      data-testid="export-result"
      data-images={result.images}
      data-boxes={result.boxes}
      data-warnings={warnings.length}
    >
      <div className="result-line">
        <span>
          {tRich('jobs.export.images', { count: result.images, strong: (chunks) => <strong key="count">{chunks}</strong> })}
        </span>
        <span>
          {tRich('jobs.export.boxes', { count: result.boxes, strong: (chunks) => <strong key="count">{chunks}</strong> })}
        </span>
        {result.parts && (
          <span data-testid="export-parts" data-train={result.parts.train} data-val={result.parts.val} data-test={result.parts.test}>
            {t('jobs.export.split', { train: result.parts.train, val: result.parts.val, test: result.parts.test })}
          </span>
        )}
        {warnings.length > 0 && <span className="result-warning">{t('jobs.export.warnings', { count: warnings.length })}</span>}
      </div>
      <div className="export-dir">
        <span className="export-dir-label">{t('jobs.export.writtenTo')}</span>
        {/* A read-only field rather than text: the whole path selects with one click and never gets cut short. */}
        <input
          ref={setField}
          className="text-input export-dir-path"
          readOnly
          value={result.dir}
          aria-label={t('jobs.export.folder')}
          data-testid="export-dir"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button-small" data-testid="export-copy-path" onClick={() => void copy()}>
          {copied ? t('jobs.export.copied') : t('jobs.export.copyPath')}
        </button>
      </div>
      {warnings.length > 0 && (
        <ul className="result-list export-warnings" data-testid="export-warnings">
          {warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
