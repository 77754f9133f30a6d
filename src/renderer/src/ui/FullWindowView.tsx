import { useEffect, useRef, type DialogHTMLAttributes, type ReactNode } from 'react'
import './fullWindowView.css'

export interface ViewTab<Tab extends string> {
  tab: Tab
  name: ReactNode
}

interface Props<Tab extends string> extends Pick<DialogHTMLAttributes<HTMLDialogElement>, 'onDragEnter' | 'onDragOver' | 'onDrop'> {
  title: string
  /** Added to the frame's class, to style what is inside this view. */
  className: string
  /** Test ids are `<testId>-view`, `<testId>-tab-<tab>` and `<testId>-close`. */
  testId: string
  tabs: readonly ViewTab<Tab>[]
  tab: Tab
  onTab(tab: Tab): void
  /** Called on the close button and on Esc. */
  onClose(): void
  /** While true the view steps aside: it stays mounted, keeping its place, but is not shown. */
  stepsAside?: boolean
  children: ReactNode
}

/** A modal view over the whole window, with a title, tabs and a close button; what the tabs show is its children. */
export function FullWindowView<Tab extends string>({
  title,
  className,
  testId,
  tabs,
  tab,
  onTab,
  onClose,
  stepsAside = false,
  children,
  ...dropHandlers
}: Props<Tab>) {
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (stepsAside && dialog.open) dialog.close()
    if (!stepsAside && !dialog.open) dialog.showModal()
  }, [stepsAside])

  return (
    <dialog
      ref={dialogRef}
      className={`full-window-view ${className}`}
      aria-label={title}
      data-testid={`${testId}-view`}
      // Focus starts on the view itself, not its first tab.
      autoFocus
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      // The library's shortcuts listen on the window; keys pressed in here are this view's.
      onKeyDown={(event) => event.stopPropagation()}
      {...dropHandlers}
    >
      <header className="full-window-header">
        <h2 className="full-window-title">{title}</h2>
        <div className="full-window-tabs" role="tablist">
          {tabs.map((entry) => (
            <button
              key={entry.tab}
              type="button"
              role="tab"
              aria-selected={tab === entry.tab}
              className={tab === entry.tab ? 'full-window-tab is-active' : 'full-window-tab'}
              data-testid={`${testId}-tab-${entry.tab}`}
              onClick={() => onTab(entry.tab)}
            >
              {entry.name}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="icon-button full-window-close"
          aria-label={`Close ${title.toLowerCase()} (Esc)`}
          title={`Close ${title.toLowerCase()} (Esc)`}
          data-testid={`${testId}-close`}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {children}
    </dialog>
  )
}
