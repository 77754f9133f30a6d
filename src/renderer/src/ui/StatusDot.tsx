import type { ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'

export function StatusDot({ status }: { status: ReviewStatus }) {
  return <span className={`status-dot status-${status}`} title={STATUS_NAMES[status]} data-status={status} />
}
