import type { ReactNode } from 'react'
import { Dialog } from '../ui/Dialog'
import { t } from '../i18n/t'

interface Props {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
}

/**
 * Asks before something that cannot be undone. Like every dialog it keeps the keyboard to itself while open, so no
 * workspace shortcut fires behind it; Esc or a click beside it cancels, and Cancel has the focus so Enter alone never
 * destroys anything.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: Props) {
  return (
    <Dialog
      title={title}
      role="alertdialog"
      className="confirm-dialog"
      testId="confirm-dialog"
      closesOnBackdrop
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" data-autofocus data-testid="confirm-cancel" onClick={onCancel}>
            {t('annotate.confirm.cancel')}
          </button>
          <button type="button" className="button button-danger" data-testid="confirm-accept" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="dialog-body confirm-body">{children}</div>
    </Dialog>
  )
}
