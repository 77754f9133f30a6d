import type { KeyboardEvent } from 'react'
import { REVIEW_STATUSES, type ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'
import { StatusDot } from './StatusDot'

interface Props {
  /** Marked as the current one, e.g. the status of the image in the viewer. */
  current?: ReviewStatus
  onPick(status: ReviewStatus): void
}

export function StatusMenu({ current, onPick }: Props) {
  return (
    <ul className="status-menu" role="menu" data-testid="status-menu">
      {REVIEW_STATUSES.map((status, i) => (
        <li key={status} role="none">
          <button
            type="button"
            role="menuitemradio"
            aria-checked={status === current}
            className="status-option"
            autoFocus={current ? status === current : i === 0}
            data-testid="status-option"
            data-status={status}
            onClick={() => onPick(status)}
            onKeyDown={(event) => moveFocus(event)}
          >
            <StatusDot status={status} decorative />
            {STATUS_NAMES[status]}
            <kbd className="status-key">{i + 1}</kbd>
          </button>
        </li>
      ))}
    </ul>
  )
}

/** Up/Down walk the menu like a native one; number keys pick directly. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>) {
  const item = event.currentTarget.closest('li')
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault()
    const sibling = event.key === 'ArrowDown' ? item?.nextElementSibling : item?.previousElementSibling
    sibling?.querySelector('button')?.focus()
    return
  }
  const digit = Number(event.key)
  if (digit >= 1 && digit <= REVIEW_STATUSES.length) {
    event.preventDefault()
    item?.parentElement?.querySelectorAll('button')[digit - 1]?.click()
  }
}
