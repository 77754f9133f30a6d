import { useState } from 'react'
import type { ImportResult } from '../../../shared/api/schemas'
import { formatCount, pluralize } from '../format/numbers'
import { PathText } from '../ui/PathText'

export function ImportResultSummary({ result }: { result: ImportResult }) {
  const [showFailures, setShowFailures] = useState(false)
  const failed = result.failed.length
  return (
    <div className="import-result" data-testid="job-result" data-added={result.added} data-duplicates={result.duplicates} data-failed={failed}>
      <span>
        <strong>{formatCount(result.added)}</strong> added
      </span>
      <span>{pluralize(result.duplicates, 'duplicate')} skipped</span>
      {result.relinked > 0 && <span>{formatCount(result.relinked)} relinked</span>}
      {failed > 0 && (
        <button
          type="button"
          className="link-button import-failed-toggle"
          aria-expanded={showFailures}
          data-testid="job-failed-toggle"
          onClick={() => setShowFailures(!showFailures)}
        >
          {pluralize(failed, 'file')} failed {showFailures ? '▴' : '▾'}
        </button>
      )}
      {showFailures && (
        <ul className="import-failures" data-testid="job-failed-list">
          {result.failed.map((failure) => (
            <li key={failure.path}>
              <PathText className="failure-path" path={failure.path} />
              <span className="failure-reason">{failure.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
