import { useEffect, useId, useRef, type DialogHTMLAttributes, type ReactNode } from 'react'
import './dialog.css'
import './forms.css'
import { t } from '../i18n/t'

type DropHandlers = Pick<DialogHTMLAttributes<HTMLDialogElement>, 'onDragEnter' | 'onDragOver' | 'onDrop'>

export interface DialogProps extends DropHandlers {
  /** The heading, which also names the dialog. */
  title: ReactNode
  /** 'window' (the default): a box in the middle. 'full-window': over the whole window, for views with tabs. */
  layout?: 'window' | 'full-window'
  /** Added to the frame's class, to style what is inside this dialog. */
  className?: string
  testId: string
  closeTestId?: string
  /** The close button's name; “Close” in the page's language unless given. */
  closeLabel?: string
  role?: 'dialog' | 'alertdialog'
  /** Shown in the header after the title: a full-window view's tabs. */
  headerContent?: ReactNode
  /** Esc and the close button. */
  onClose(): void
  /** While true, Esc and the close button do nothing: what the dialog is doing cannot be stopped. */
  closeDisabled?: boolean
  /** A click on the page around the dialog closes it too (for questions, where that means "no"). */
  closesOnBackdrop?: boolean
  /** Makes the dialog a form: Enter in a field and the submit button call this. */
  onSubmit?(): void
  footer?: ReactNode
  busy?: boolean
  /** While false the dialog is closed but stays mounted, keeping its state, until it is shown again. */
  open?: boolean
  /** What the dialog holds, between its header and its footer. */
  children: ReactNode
}

/**
 * The app's one modal dialog: a `<dialog>` shown with showModal, so the page behind it is inert and the focus stays
 * inside. Keys pressed in it are its own (the library's and the workspace's shortcuts listen on the window), and Esc
 * closes this dialog only, not one it was opened from.
 *
 * On opening, the focus goes to the element marked `data-autofocus`, or else to the dialog itself. React's autoFocus
 * cannot do this: it focuses while the dialog is still closed, and showModal then moves the focus to its own choice.
 */
export function Dialog({
  title,
  layout = 'window',
  className,
  testId,
  closeTestId,
  closeLabel = t('ui.dialog.close'),
  role = 'dialog',
  headerContent,
  onClose,
  closeDisabled = false,
  closesOnBackdrop = false,
  onSubmit,
  footer,
  busy,
  open = true,
  children,
  ...dropHandlers
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const frame = FRAMES[layout]

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (!open) {
      if (dialog.open) dialog.close()
      return
    }
    if (dialog.open) return
    dialog.showModal()
    const wanted = dialog.querySelector<HTMLElement>('[data-autofocus]')
    ;(wanted ?? dialog).focus()
  }, [open])

  const close = () => {
    if (!closeDisabled) onClose()
  }

  const parts = (
    <>
      <header className={frame.header}>
        <h2 id={titleId} className={frame.title}>
          {title}
        </h2>
        {headerContent}
        <button
          type="button"
          className={frame.close}
          aria-label={closeLabel}
          title={closeLabel}
          disabled={closeDisabled}
          data-testid={closeTestId}
          onClick={close}
        >
          ×
        </button>
      </header>
      {children}
      {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
    </>
  )

  return (
    <dialog
      ref={dialogRef}
      className={className ? `${frame.dialog} ${className}` : frame.dialog}
      role={role === 'dialog' ? undefined : role}
      aria-labelledby={titleId}
      aria-busy={busy}
      data-testid={testId}
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault()
        // React passes the event on to a dialog this one was opened from, which would close too.
        event.stopPropagation()
        close()
      }}
      // The browser closes a dialog itself when Esc comes twice with no click or key in between: it is closed here too,
      // or shown again while it cannot be.
      onClose={(event) => {
        event.stopPropagation()
        if (!open) return
        if (closeDisabled) event.currentTarget.showModal()
        else onClose()
      }}
      onKeyDown={(event) => event.stopPropagation()}
      // The dialog fills its box, so a press on the dialog element itself landed on the backdrop around it.
      onPointerDown={(event) => {
        if (closesOnBackdrop && event.target === event.currentTarget) close()
      }}
      {...dropHandlers}
    >
      {onSubmit ? (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            onSubmit()
          }}
        >
          {parts}
        </form>
      ) : (
        parts
      )}
    </dialog>
  )
}

const FRAMES = {
  window: { dialog: 'dialog', header: 'dialog-header', title: undefined, close: 'icon-button' },
  // i18n-exempt: CSS classes
  'full-window': { dialog: 'full-window-view', header: 'full-window-header', title: 'full-window-title', close: 'icon-button full-window-close' },
} as const
