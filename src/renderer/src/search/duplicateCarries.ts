import type { DuplicateImage } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'
import { t } from '../i18n/t'

/** Whether someone has worked on the image: boxes, tags or a review status. Removing it loses that work. */
export function isAnnotated(image: DuplicateImage): boolean {
  return image.boxCount > 0 || image.labels.length > 0 || image.status !== 'unlabelled'
}

/** What leaves the catalogue with the image, in words: "3 boxes (crazing)", "tags: steel", "status: Reviewed". */
export function carriedBy(image: DuplicateImage): string[] {
  const carried: string[] = []
  if (image.boxCount > 0) {
    const count = image.boxCount
    carried.push(image.boxClasses.length > 0 ? t('search.duplicates.carriedBoxesOf', { count, classes: image.boxClasses.join(', ') }) : t('search.duplicates.carriedBoxes', { count }))
  }
  // An image's labels include its boxes' classes, already named with the boxes.
  const tags = image.labels.filter((label) => !image.boxClasses.includes(label))
  if (tags.length > 0) carried.push(t('search.duplicates.carriedTags', { count: tags.length, tags: tags.join(', ') }))
  if (image.status !== 'unlabelled') carried.push(t('search.duplicates.carriedStatus', { status: STATUS_NAMES[image.status] }))
  return carried
}
