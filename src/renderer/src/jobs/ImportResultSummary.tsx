import { useState } from 'react'
import type { AnnotationFormat, AnnotationImportSummary, ImportResult } from '../../../shared/api/schemas'
import { PathText } from '../ui/PathText'
import type { MessageKey } from '../i18n/catalog-types'
import { t, tRich } from '../i18n/t'

const FORMAT_NAMES: Record<AnnotationFormat, MessageKey> = {
  coco: 'jobs.format.coco',
  yolo: 'jobs.format.yolo',
  // An import of YOLO segmentation labels is read as YOLO, whose labels hold boxes and polygons alike.
  'yolo-seg': 'jobs.format.yolo',
  voc: 'jobs.format.voc',
  folders: 'jobs.format.folders',
}

export function ImportResultSummary({ result }: { result: ImportResult }) {
  const [showFailures, setShowFailures] = useState(false)
  const failed = result.failed.length
  return (
    <div className="job-result" data-testid="job-result" data-added={result.added} data-duplicates={result.duplicates} data-failed={failed}>
      <div className="result-line import-result">
        <span>{tRich('jobs.import.added', { count: result.added, strong: (chunks) => <strong key="count">{chunks}</strong> })}</span>
        <span>{t('jobs.import.duplicates', { count: result.duplicates })}</span>
        {result.relinked > 0 && <span>{t('jobs.import.relinked', { count: result.relinked })}</span>}
        {failed > 0 && (
          <button
            type="button"
            className="link-button result-problem-toggle"
            aria-expanded={showFailures}
            data-testid="job-failed-toggle"
            onClick={() => setShowFailures(!showFailures)}
          >
            {t('jobs.import.failed', { count: failed, arrow: showFailures ? '▴' : '▾' })}
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
        <span className="result-format">{t(FORMAT_NAMES[summary.format])}</span>
        {(summary.boxes > 0 || summary.format !== 'folders') && (
          <span>
            {tRich('jobs.annotations.boxes', { count: summary.boxes, strong: (chunks) => <strong key="count">{chunks}</strong> })}
          </span>
        )}
        {(summary.tags > 0 || summary.format === 'folders') && (
          <span>
            {tRich('jobs.annotations.tags', { count: summary.tags, strong: (chunks) => <strong key="count">{chunks}</strong> })}
          </span>
        )}
        <span>{tRich('jobs.annotations.classes', { count: summary.classes, strong: (chunks) => <strong key="count">{chunks}</strong> })}</span>
        <span>{t('jobs.annotations.matched', { count: summary.images })}</span>
        {skipped > 0 && (
          <button
            type="button"
            className="link-button result-problem-toggle is-warning"
            aria-expanded={showSkipped}
            data-testid="annotation-skipped-toggle"
            onClick={() => setShowSkipped(!showSkipped)}
          >
            {listed < skipped
              ? t('jobs.annotations.skippedListed', { count: skipped, listed, arrow: showSkipped ? '▴' : '▾' })
              : t('jobs.annotations.skipped', { count: skipped, arrow: showSkipped ? '▴' : '▾' })}
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
      {summary.notes && (
        <ul className="result-list annotation-notes" data-testid="annotation-notes">
          {summary.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </>
  )
}
