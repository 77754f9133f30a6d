import type { ReviewStatus } from '../../../shared/api/schemas'
import { t } from '../i18n/t'

/** Each review status's name in the page's language (fixed for the page's life, so computed once). */
export const STATUS_NAMES: Record<ReviewStatus, string> = {
  unlabelled: t('format.status.unlabelled'),
  in_progress: t('format.status.inProgress'),
  labelled: t('format.status.labelled'),
  reviewed: t('format.status.reviewed'),
  needs_fix: t('format.status.needsFix'),
}
