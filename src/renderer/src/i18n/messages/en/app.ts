/** The app's frame: the top bar, the screens and the connection. */
export const app = {
  'connection.failed': 'Loupe could not connect',

  imageCount: '{count, plural, one {# image} other {# images}}',
  import: 'Import',
  'search.button': 'Search…',
  'search.title': 'Find images that look alike, and near-duplicates',
  'search.empty': 'Nothing to search yet: import some images first',
  'train.button': 'Train…',
  'train.title': 'Train a classifier on the labels, evaluate its versions, pre-label with the detector',
  'train.empty': 'Nothing to train on yet: import some images first',
  'detector.button': 'Detector…',
  'detector.title': 'Train a box detector on your own boxes, evaluate its versions, find its boxes across the library',
  'detector.empty': 'Nothing to detect in yet: import some images first',
  'anomaly.button': 'Anomaly…',
  'anomaly.title': 'Learn what good parts look like, find the anomalous ones, manage anomaly models and their thresholds',
  'anomaly.empty': 'Nothing to inspect yet: import some images first',
  'export.button': 'Export…',
  'export.title': 'Export the library as COCO, YOLO, Pascal VOC or folders',
  'export.empty': 'Nothing to export yet: import some images first',
} as const
