/** Browsing the host's disk for a folder or file, and choosing a new folder to write into. */
export const folders = {
  parent: 'Parent folder',
  loading: 'Loading…',

  'empty.images': 'This folder is empty.',
  'empty.json': 'No folders or JSON files here.',
  'empty.models': 'No folders or model files (.onnx, .tflite) here.',
  'empty.none': 'No folders in here.',

  'footer.folders': '{folders, plural, one {# folder} other {# folders}}',
  'footer.images': '{folders, plural, one {# folder} other {# folders}} · {files, plural, one {# image} other {# images}}',
  'footer.json': '{folders, plural, one {# folder} other {# folders}} · {files, plural, one {# JSON file} other {# JSON files}}',
  'footer.models': '{folders, plural, one {# folder} other {# folders}} · {files, plural, one {# model file} other {# model files}}',
  'footer.firstListed': ' (first {count, number} listed)',

  'newFolder.saveIn': 'Save in',
  'newFolder.name': 'New folder',
  'newFolder.locationPlaceholder': '/path/to/folder',
  'newFolder.namePlaceholder': '(write into “Save in” itself)',
  'newFolder.chooseLocation': 'Choose where the files go.',
  'newFolder.writesNew': 'Writes a new folder:',
  'newFolder.writesInto': 'Writes into:',
  'newFolder.writesIntoEmpty': 'Writes into (must be empty):',

  'problem.noLocation': 'Choose the folder to save in.',
  'problem.slash': 'The new folder’s name can’t contain / or \\.',
  'problem.noName': 'Give the new folder a name.',
} as const
