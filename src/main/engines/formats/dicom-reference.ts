import { uidProblem, type DicomReference } from './model'

type ReferenceKey = keyof DicomReference

/** The values of a DICOM reference as a file holds them; undefined where absent. */
export type DicomReferenceValues = Partial<Record<ReferenceKey, unknown>>

const UID_KEYS = ['studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid'] as const

/**
 * The reference a file's values make, or why they make none. `named` gives a key as the format spells it (COCO's
 * `sop_instance_uid`, VOC's `<sopInstanceUid>`), for the message. A missing frame number means frame 1.
 */
export function dicomReferenceFrom(values: DicomReferenceValues, named: (key: ReferenceKey) => string): DicomReference | string {
  const reference: DicomReference = { frameNumber: 1 }
  for (const key of UID_KEYS) {
    const value = values[key]
    if (value === undefined) continue
    if (typeof value !== 'string') return `${named(key)} must be a string`
    const problem = uidProblem(value)
    if (problem) return `${named(key)}: ${problem}`
    reference[key] = value
  }
  const frame = values.frameNumber
  if (frame !== undefined) {
    if (typeof frame !== 'number' || !Number.isSafeInteger(frame) || frame < 1) {
      return `${named('frameNumber')} must be a whole number from 1`
    }
    reference.frameNumber = frame
  }
  return reference
}
