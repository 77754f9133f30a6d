import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

/** What each EXIF orientation value means, so the metadata panel can say it in words. */
const ORIENTATIONS: Record<number, MessageKey> = {
  1: 'format.orientation.normal',
  2: 'format.orientation.mirrored',
  3: 'format.orientation.rotated180',
  4: 'format.orientation.mirroredRotated180',
  5: 'format.orientation.mirroredRotated90Ccw',
  6: 'format.orientation.rotated90Cw',
  7: 'format.orientation.mirroredRotated90Cw',
  8: 'format.orientation.rotated90Ccw',
}

export function describeOrientation(value: number): string {
  const key = ORIENTATIONS[value]
  return key ? t(key) : t('format.orientation.other', { value })
}
