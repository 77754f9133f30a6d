import type { ReactNode } from 'react'
import './inlineConfirm.css'
import { t } from '../i18n/t'

interface Props {
  /** The question, e.g. "Delete v2 and its scores?", and what follows from it. */
  children: ReactNode
  label: string
  confirmText: string
  testId: string
  onKeep(): void
  onConfirm(): void
}

/**
 * A destructive action asked about in place (a table row's Delete): Keep has the focus, so Enter or a slip keeps what
 * is there. Test ids: `<testId>` and `<testId>-delete` (the confirming button).
 */
export function InlineConfirm({ children, label, confirmText, testId, onKeep, onConfirm }: Props) {
  return (
    <span className="inline-confirm" role="alertdialog" aria-label={label} data-testid={testId}>
      {children}
      <button type="button" className="button button-small" autoFocus onClick={onKeep}>
        {t('ui.inlineConfirm.keep')}
      </button>
      <button type="button" className="button button-small button-danger" data-testid={`${testId}-delete`} onClick={onConfirm}>
        {confirmText}
      </button>
    </span>
  )
}
