/** viewer's English messages: the source every other language translates. */
export const viewer = {
  'metadata.labels': 'Labels',
  'metadata.noLabels': 'None',
  'metadata.status': 'Status',
  'metadata.dimensions': 'Dimensions',
  'metadata.size': '{width, number} × {height, number} px',
  'metadata.format': 'Format',
  'metadata.fileSize': 'File size',
  'metadata.bytes': '{count, plural, one {# byte} other {# bytes}}',
  'metadata.frame': 'Frame',
  'metadata.orientation': 'Orientation',
  'metadata.added': 'Added',
  'metadata.boxes': 'Boxes',
  'metadata.path': 'Path',
  'metadata.missing': 'Missing from disk',
  'metadata.contentHash': 'Content hash',
  'metadata.loading': 'Loading details…',
} as const
