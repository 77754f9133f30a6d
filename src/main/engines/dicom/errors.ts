import { ImagingError } from '../image-error'

/**
 * A DICOM file we cannot turn into an image, with the sentence people see in the import report. It is an
 * ImagingError, so the imaging pipeline reports it as it is.
 */
export class DicomError extends ImagingError {
  constructor(reason: string) {
    super(reason)
    this.name = 'DicomError'
  }
}

/** dicom-parser throws strings, Errors, and `{ exception, dataSet }` objects; this finds the words in any of them. */
export function parserMessage(error: unknown): string {
  if (typeof error === 'string') return tidy(error)
  if (error instanceof Error) return tidy(error.message)
  if (error && typeof error === 'object' && 'exception' in error) return parserMessage((error as { exception: unknown }).exception)
  return 'unknown error'
}

/** Any failure as a DicomError: our own as they are, anything else (a parser or codec surprise) as damage. */
export function asDicomError(error: unknown): DicomError {
  if (error instanceof DicomError) return error
  if (error instanceof ImagingError) return new DicomError(error.reason)
  if (error instanceof RangeError && /allocation|Array buffer/i.test(error.message)) {
    return new DicomError('truncated or corrupt DICOM file: sizes in the file are impossible')
  }
  return new DicomError(`truncated or corrupt DICOM file: ${parserMessage(error)}`)
}

function tidy(message: string): string {
  // "dicomParser.readDicomElementExplicit: ..." names an internal function; people need the rest.
  const text = message.replace(/^(dicomParser\.)?[A-Za-z0-9]+(\.[A-Za-z0-9]+)?:\s*/, '').split('\n')[0] ?? message
  return text.length > 140 ? `${text.slice(0, 139)}…` : text
}
