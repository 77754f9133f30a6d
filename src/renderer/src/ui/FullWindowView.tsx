import type { ReactNode } from 'react'
import { IndexingStatus } from '../indexing/IndexingStatus'
import { Dialog, type DialogProps } from './Dialog'
import './fullWindowView.css'
import { t } from '../i18n/t'

export interface ViewTab<Tab extends string> {
  tab: Tab
  name: ReactNode
}

interface Props<Tab extends string> extends Pick<DialogProps, 'onDragEnter' | 'onDragOver' | 'onDrop'> {
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

/**
 * A modal view over the whole window, with a title, tabs and a close button; what the tabs show is its children. It
 * hides the top bar, so its header repeats the indexing status: background work stays in sight.
 */
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
  return (
    <Dialog
      layout="full-window"
      title={title}
      className={className}
      testId={`${testId}-view`}
      closeTestId={`${testId}-close`}
      closeLabel={t('ui.fullWindow.close', { title: title.toLowerCase() })}
      open={!stepsAside}
      onClose={onClose}
      headerContent={
        <>
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
          <span className="full-window-indexing">
            <IndexingStatus />
          </span>
        </>
      }
      {...dropHandlers}
    >
      {children}
    </Dialog>
  )
}
