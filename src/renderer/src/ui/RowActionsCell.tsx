import type { ReactNode } from 'react'
import { InlineConfirm } from './InlineConfirm'
import { t } from '../i18n/t'

interface Props {
  className: string
  /** What the row is, as the delete button and its confirmation name it: "v3", "classifier-2". */
  what: string
  /** The confirmation's words: what deleting it costs. */
  question: ReactNode
  /** Whether this row is asking to confirm its deletion; the table asks for one row at a time. */
  confirming: boolean
  /** An action is running on the row: its buttons wait. */
  busy: boolean
  confirmTestId: string
  deleteTestId: string
  onAsk(): void
  onKeep(): void
  onDelete(): void
  /** The row's other buttons, before the delete one. */
  children: ReactNode
}

/** A table row's action buttons ending with ×, which asks in place before deleting. */
export function RowActionsCell({ className, what, question, confirming, busy, confirmTestId, deleteTestId, onAsk, onKeep, onDelete, children }: Props) {
  return (
    // The buttons act on their row; clicks on them do not also select it.
    <td className={className} onClick={(event) => event.stopPropagation()}>
      {confirming ? (
        <InlineConfirm
          label={t('ui.rowActions.confirmLabel', { what })}
          confirmText={t('ui.rowActions.delete')}
          testId={confirmTestId}
          onKeep={onKeep}
          onConfirm={() => {
            onKeep()
            onDelete()
          }}
        >
          {question}
        </InlineConfirm>
      ) : (
        <>
          {children}
          <button type="button" className="icon-button" aria-label={t('ui.rowActions.deleteLabel', { what })} title={t('ui.rowActions.deleteTitle')} disabled={busy} data-testid={deleteTestId} onClick={onAsk}>
            ×
          </button>
        </>
      )}
    </td>
  )
}
