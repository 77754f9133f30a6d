import type { ReactNode } from 'react'
import { formatCount } from '../format/numbers'

interface Props {
  name: string
  count: number | undefined
  active: boolean
  /** A colour swatch or status dot in front of the name. */
  marker?: ReactNode
  onClick(): void
  testId: string
  title?: string
  data?: Record<`data-${string}`, string>
}

export function SidebarEntry({ name, count, active, marker, onClick, testId, title, data }: Props) {
  return (
    <li>
      <button
        type="button"
        className={active ? 'sidebar-entry is-active' : 'sidebar-entry'}
        aria-pressed={active}
        onClick={onClick}
        title={title}
        data-testid={testId}
        {...data}
      >
        {marker}
        <span className="sidebar-name">{name}</span>
        <span className="sidebar-count" data-testid="sidebar-count">
          {count === undefined ? '' : formatCount(count)}
        </span>
      </button>
    </li>
  )
}
