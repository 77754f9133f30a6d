import type { SearchHit } from '../../../shared/api/schemas'
import type { PickerImage } from './RegionPicker'
import type { SearchSubject } from './subject'

/** The region picker open on a picture; the region drawn there becomes a region of `subject`. */
export type Picking = PickerImage & { subject: SearchSubject }

/** A hit as the region picker opens it (`src`: its full picture), to search for a region of it next. */
export function pickerImageOf(hit: SearchHit, src: string): Picking {
  const subject: SearchSubject = { kind: 'image', imageId: hit.id, fileName: hit.fileName, width: hit.width, height: hit.height }
  return { src, imageId: hit.id, fileName: hit.fileName, width: hit.width, height: hit.height, subject }
}
