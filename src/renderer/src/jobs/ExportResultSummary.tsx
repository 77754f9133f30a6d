import { useState } from 'react'
import type { ExportResult } from '../../../shared/api/schemas'
import { useToasts } from '../feedback/ToastContext'
import { formatCount, pluralize } from '../format/numbers'

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
      data-warnings={result.warnings.length}
    >
      <div className="result-line">
        <span>
          <strong>{formatCount(result.images)}</strong> {result.images === 1 ? 'image' : 'images'}
        </span>
        <span>
          <strong>{formatCount(result.boxes)}</strong> {result.boxes === 1 ? 'box' : 'boxes'}
        </span>
        {result.parts && (
          <span data-testid="export-parts" data-train={result.parts.train} data-val={result.parts.val} data-test={result.parts.test}>
            split {formatCount(result.parts.train)} train · {formatCount(result.parts.val)} val · {formatCount(result.parts.test)} test
          </span>
        )}
        {result.warnings.length > 0 && <span className="result-warning">{pluralize(result.warnings.length, 'warning')}</span>}
      </div>
      <div className="export-dir">
        <span className="export-dir-label">Written to</span>
        {/* A read-only field rather than text: the whole path selects with one click and never gets cut short. */}
        <input
          ref={setField}
          className="text-input export-dir-path"
          readOnly
          value={result.dir}
          aria-label="Export folder"
          data-testid="export-dir"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button-small" data-testid="export-copy-path" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy path'}
        </button>
      </div>
      {result.warnings.length > 0 && (
        <ul className="result-list export-warnings" data-testid="export-warnings">
          {result.warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
