import type { ReviewStatus } from '../../../shared/api/schemas'

export const STATUS_NAMES: Record<ReviewStatus, string> = {
  unlabelled: 'Unlabelled',
  in_progress: 'In progress',
  labelled: 'Labelled',
  reviewed: 'Reviewed',
  needs_fix: 'Needs fix',
}
