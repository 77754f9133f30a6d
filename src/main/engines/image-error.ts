/**
 * A problem with an image file, carrying the sentence we show people (e.g. in the import report). It sits below both
 * the imaging and the DICOM engines: imaging opens DICOM files through the DICOM engine, whose errors are image errors.
 */
export class ImagingError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'ImagingError'
  }
}
