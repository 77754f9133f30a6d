import type { DetectorStatus } from '../../../shared/api/schemas'
import { activeLocale } from '../i18n/locale'
import { t } from '../i18n/t'

/** "“crazing” (3 boxes on 2 images), “patches” (4 boxes on 1 image)" in the page's language. */
function shortClasses(status: DetectorStatus): string {
  const short = status.classes.filter((entry) => entry.boxes < status.minimumBoxes || entry.images < status.minimumImages)
  return new Intl.ListFormat(activeLocale(), { type: 'conjunction', style: 'narrow' }).format(short.map((entry) => t('detector.readiness.classCount', { label: entry.label, boxes: entry.boxes, images: entry.images })))
}

/**
 * Why these boxes cannot train a detector, said from the status's counts in the page's language (the service's
 * `problem` is the same sentence in English, for the CLI); null when they can.
 */
export function detectorProblem(status: DetectorStatus): string | null {
  if (status.canTrain) return null
  const minimum = { boxes: status.minimumBoxes, images: status.minimumImages }
  const [only] = status.classes
  if (status.classes.length === 0) return t('detector.readiness.noClasses', minimum)
  if (status.classes.length === 1 && only) return t('detector.readiness.oneClass', { ...minimum, label: only.label, classBoxes: only.boxes, classImages: only.images })
  return t('detector.readiness.tooFew', { ...minimum, classes: shortClasses(status) })
}
