import type { ReactNode } from 'react'
import { IndexingStatus } from '../indexing/IndexingStatus'
import { t } from '../i18n/t'

interface Props {
  fileName: string
  index: number
  total: number
  hasPrevious: boolean
  hasNext: boolean
  onStep(delta: 1 | -1): void
  onClose(): void
  /** The tools, between the title and the arrows. */
  children: ReactNode
}

/**
 * Back to the library, which image this is and where in the order, the indexing status, and the arrows to the
 * previous and next.
 */
export function WorkspaceHeader({ fileName, index, total, hasPrevious, hasNext, onStep, onClose, children }: Props) {
  return (
    <header className="viewer-header">
      <button type="button" className="icon-button" aria-label={t('annotate.header.back')} title={t('annotate.header.back')} data-testid="viewer-close" onClick={onClose}>
        <span className="glyph glyph-back" aria-hidden="true" />
      </button>
      <h1 className="viewer-title" data-testid="viewer-title" title={fileName}>
        {fileName}
      </h1>
      <span className="viewer-position" data-testid="viewer-position">
        {t('annotate.header.position', { position: index + 1, total })}
      </span>
      {children}
      <div className="viewer-nav">
        {/* The workspace covers the top bar: indexing stays in sight here. */}
        <IndexingStatus />
        <button type="button" className="icon-button" aria-label={t('annotate.header.previous')} title={t('annotate.header.previous')} disabled={!hasPrevious} data-testid="viewer-previous" onClick={() => onStep(-1)}>
          <span className="glyph glyph-chevron-left" aria-hidden="true" />
        </button>
        <button type="button" className="icon-button" aria-label={t('annotate.header.next')} title={t('annotate.header.next')} disabled={!hasNext} data-testid="viewer-next" onClick={() => onStep(1)}>
          <span className="glyph glyph-chevron-right" aria-hidden="true" />
        </button>
      </div>
    </header>
  )
}
