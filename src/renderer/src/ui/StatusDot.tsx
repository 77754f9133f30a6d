import type { ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'

/** `decorative` where the status is already written out beside the dot, so screen readers do not say it twice. */
export function StatusDot({ status, decorative = false }: { status: ReviewStatus; decorative?: boolean }) {
  return decorative ? (
    <span className={`status-dot status-${status}`} aria-hidden="true" data-status={status} />
  ) : (
    <span className={`status-dot status-${status}`} role="img" aria-label={STATUS_NAMES[status]} title={STATUS_NAMES[status]} data-status={status} />
  )
}
