import type { ReactNode } from 'react'

interface Props {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
}

/**
 * Asks before something that cannot be undone. It keeps the keyboard to itself while open, so no workspace
 * shortcut fires behind it; Esc cancels, and Cancel has the focus so Enter alone never destroys anything.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: Props) {
  return (
    <div className="annotate-modal-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onCancel()}>
      <div
        className="annotate-modal confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-label={title}
        data-testid="confirm-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel()
          if (event.key !== 'Tab') event.stopPropagation()
        }}
      >
        <h2 className="modal-title">{title}</h2>
        <div className="modal-body">{children}</div>
        <div className="modal-actions">
          <button type="button" className="button" autoFocus data-testid="confirm-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button button-danger" data-testid="confirm-accept" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  )
}
