/** The scan export: its buttons, the dialog (format, de-identification, pseudonym) and the report of what was written. */
export const dicomExport = {
  'selectionButton.label': 'Export scans…',
  'selectionButton.title': 'Write the selected DICOM images as PNG or DICOM files, de-identified',
  'selectionButton.scope': 'the selection',
  'seriesButton.label': 'Export…',
  'seriesButton.ariaLabel': 'Export {series}…',
  'seriesButton.title': 'Export {series} as PNG or DICOM files',
  'seriesButton.scope': 'series {series}',

  'dialog.title': 'Export scans',
  'dialog.failed': 'The export failed: {error}',
  'dialog.exporting': 'Exporting {count, plural, one {# image} other {# images}}…',
  'dialog.done': 'Done',
  'dialog.cancel': 'Cancel',
  'dialog.submit': 'Export',
  'dialog.format': 'Format',
  'dialog.burnIn': 'Draw the measurements in',
  'dialog.burnInHint': 'The slice’s lengths, areas and angles with their values, as the reader shows them. The PNG uses the window on screen.',
  'dialog.deidentify': 'De-identify (PS3.15 basic profile)',
  'dialog.pseudonym': 'Pseudonym',
  'dialog.optional': '(optional)',
  'dialog.pseudonymPlaceholder': 'e.g. STUDY-042',
  'dialog.pseudonymHint': 'Written as Patient Name and Patient ID instead of leaving them empty.',

  'scope.loading': 'Looking for the DICOM images in {scope}…',
  'scope.failed': 'The DICOM images in {scope} could not be listed: {error}',
  'scope.none': 'None of the {chosen, plural, one {# image} other {# images}} in {scope} is a DICOM image: there is nothing to export.',
  'scope.all':
    'Exports {scope}: {dicom, plural, one {# image} other {# images}} from {series, plural, one {# series} other {# series}} of {patients, plural, one {# patient} other {# patients}}.',
  'scope.some':
    '{dicom, number} of the {chosen, plural, one {# image} other {# images}} in {scope} {dicom, plural, one {is} other {are}} DICOM: {dicom, plural, one {# image} other {# images}} from {series, plural, one {# series} other {# series}} of {patients, plural, one {# patient} other {# patients}}. The other {left, plural, one {# image is} other {# images are}} left out.',

  'form.png': 'Each image (frame) as an 8-bit PNG, through its own window.',
  'form.dcm': 'Each file as a .dcm, pixel data unchanged; a multi-frame file once.',
  'form.deidentifiedHint':
    'Names, IDs, dates and other identifying tags are removed or emptied, and UIDs replaced. Pixels are not changed: text burned into an image stays. PNGs carry no metadata; the remaining tags go in a JSON file beside each.',
  'form.identifiedHint': 'The files keep the patient’s name, ID and dates: DICOM files are copied as they are, PNGs are named after their files.',
  'form.nothing': 'There are no DICOM images to export.',
  'form.pseudonymTooLong': 'The pseudonym can be at most {max, number} characters long.',
  'form.frameName': '{file} (frame {frame})',

  'report.written': '{files, plural, one {Wrote # file} other {Wrote # files}}',
  'report.writtenWithSidecars': 'Wrote {files, plural, one {# file} other {# files}} and {sidecars, plural, one {# JSON sidecar} other {# JSON sidecars}}',
  'report.writtenTo': '{summary} to <dir></dir>',
  'report.nothingWritten': 'Nothing was written to <dir></dir>',
  'report.frames': '({count, plural, one {# frame} other {# frames}})',
  'report.moreFiles': 'and {count, plural, one {# more file} other {# more files}}',
  'report.notExported': 'Not exported: {count, plural, one {# image} other {# images}}',
  'report.image': 'Image {id}',
  'report.warnings': 'Check before sharing',
} as const
