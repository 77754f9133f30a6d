import { useState } from 'react'
import type { AnnotationFormat, AnnotationImportSummary, ImportResult } from '../../../shared/api/schemas'
import { formatCount, pluralize } from '../format/numbers'
import { PathText } from '../ui/PathText'

export const FORMAT_NAMES: Record<AnnotationFormat, string> = {
  coco: 'COCO',
  yolo: 'YOLO',
  voc: 'Pascal VOC',
  folders: 'Folder per class',
}

export function ImportResultSummary({ result }: { result: ImportResult }) {
  const [showFailures, setShowFailures] = useState(false)
  const failed = result.failed.length
  return (
    <div className="job-result" data-testid="job-result" data-added={result.added} data-duplicates={result.duplicates} data-failed={failed}>
      <div className="result-line import-result">
        <span>
          <strong>{formatCount(result.added)}</strong> added
        </span>
        <span>{pluralize(result.duplicates, 'duplicate')} skipped</span>
        {result.relinked > 0 && <span>{formatCount(result.relinked)} relinked</span>}
        {failed > 0 && (
          <button
            type="button"
            className="link-button result-problem-toggle"
            aria-expanded={showFailures}
            data-testid="job-failed-toggle"
            onClick={() => setShowFailures(!showFailures)}
          >
            {pluralize(failed, 'file')} failed {showFailures ? '▴' : '▾'}
          </button>
        )}
      </div>
      {showFailures && (
        <ul className="result-list import-failures" data-testid="job-failed-list">
          {result.failed.map((failure) => (
            <li key={failure.path} className="result-pair">
              <PathText className="failure-path" path={failure.path} />
              <span className="failure-reason">{failure.reason}</span>
            </li>
          ))}
        </ul>
      )}
      {result.annotations && <AnnotationSummary summary={result.annotations} />}
    </div>
  )
}

function AnnotationSummary({ summary }: { summary: AnnotationImportSummary }) {
  const [showSkipped, setShowSkipped] = useState(false)
  const skipped = summary.skippedCount
  const listed = summary.skipped.length
  return (
    <>
      <div
        className="result-line annotation-result"
        data-testid="annotation-result"
        data-format={summary.format}
        data-images={summary.images}
        data-boxes={summary.boxes}
        data-tags={summary.tags}
        data-classes={summary.classes}
        data-skipped={skipped}
      >
        <span className="result-format">{FORMAT_NAMES[summary.format]}</span>
        {(summary.boxes > 0 || summary.format !== 'folders') && (
          <span>
            <strong>{formatCount(summary.boxes)}</strong> {summary.boxes === 1 ? 'box' : 'boxes'}
          </span>
        )}
        {(summary.tags > 0 || summary.format === 'folders') && (
          <span>
            <strong>{formatCount(summary.tags)}</strong> {summary.tags === 1 ? 'tag' : 'tags'}
          </span>
        )}
        <span>
          <strong>{formatCount(summary.classes)}</strong> {summary.classes === 1 ? 'class' : 'classes'}
        </span>
        <span>{pluralize(summary.images, 'image')} matched</span>
        {skipped > 0 && (
          <button
            type="button"
            className="link-button result-problem-toggle is-warning"
            aria-expanded={showSkipped}
            data-testid="annotation-skipped-toggle"
            onClick={() => setShowSkipped(!showSkipped)}
          >
            {pluralize(skipped, 'entry', 'entries')} skipped{listed < skipped ? ` (first ${formatCount(listed)} listed)` : ''}{' '}
            {showSkipped ? '▴' : '▾'}
          </button>
        )}
      </div>
      {showSkipped && (
        <ul className="result-list annotation-skipped" data-testid="annotation-skipped-list">
          {summary.skipped.map((entry, index) => (
            <li key={index}>
              <PathText className="failure-path" path={entry.file} />
              {entry.entry && <span className="skipped-entry">{entry.entry}</span>}
              <span className="skipped-reason">{entry.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
