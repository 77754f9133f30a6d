/** Exporting a dataset: which images, the format, the images themselves and the split. */
export const exportDialog = {
  title: 'Export dataset',
  cancel: 'Cancel',
  starting: 'Starting…',
  export: 'Export',
  format: 'Format',

  'scope.label': 'Which images',
  'scope.all': 'All images',
  'scope.allHolds': 'Every image in the library.',
  'scope.allHoldsCount': '{count, plural, one {All # image in the library.} other {All # images in the library.}}',
  'scope.selected': 'The selected images',
  'scope.selectedCount': '{count, plural, one {The # selected image} other {The # selected images}}',
  'scope.selectedHolds': 'As selected in the library.',
  'scope.nothingSelected': 'Nothing is selected in the library.',
  'scope.filter': 'Images matching the filter',
  'scope.filterHolds': '{description}.',
  'scope.filterHoldsCount': '{description} ({count, plural, one {# image} other {# images}}).',
  'scope.noFilter': 'The library shows every image.',
  'scope.hint': 'Their boxes, tags and labels are exported, with every class.',

  'formats.coco': 'COCO JSON',
  'formats.cocoHolds': 'Boxes, polygons, masks and classes in one annotations.json.',
  'formats.yolo': 'YOLO',
  'formats.yoloHolds': 'Boxes in one .txt per image, with classes.txt and data.yaml.',
  'formats.yoloSeg': 'YOLO segmentation',
  'formats.yoloSegHolds': 'Every object as a polygon, one .txt per image, with classes.txt and data.yaml.',
  'formats.voc': 'Pascal VOC',
  'formats.vocHolds': 'Boxes in one .xml per image under Annotations/.',
  'formats.folders': 'Folder per class',
  'formats.foldersHolds': 'Image tags: one folder per class holding its images.',

  losses: 'What this format cannot hold',

  'images.label': 'Images',
  'images.none': 'Leave out',
  'images.noneHint': 'Annotations only; they name the images by their file names.',
  'images.copy': 'Copy',
  'images.copyHint': 'A self-contained dataset: every image is copied in, using that much disk space again.',
  'images.link': 'Hard-link',
  'images.linkHint': 'Looks like copies but takes no extra space; copied instead where the disk can’t link.',
  'images.folderPerClass': 'Folder per class is made of the images themselves, so they are copied (or hard-linked).',

  'split.label': 'Split into train, val and test',
  'split.hint': 'Each class is shared out on its own, so every part gets its share of every class; the same seed gives the same split.',
  'split.unavailable': 'Folder per class is not split; choose COCO, YOLO or Pascal VOC to split.',
  'split.train': 'Train',
  'split.val': 'Val',
  'split.test': 'Test',
  'split.seed': 'Seed',
  'split.notPercentages': 'Give the train, val and test shares as percentages, e.g. 70, 20 and 10.',
  'split.notHundred': 'The train, val and test shares add up to {sum, number}%; make them add up to 100%.',
  'split.noTrain': 'The train share must be more than 0%.',
  'split.badSeed': 'The seed is a whole number from 0 to 4294967295.',
  'loss.boxes':
    '{count, plural, one {# box} other {# boxes}} not representable in this format',
  'loss.imageTags':
    '{count, plural, one {# image tag} other {# image tags}} not representable in this format',
  'loss.crowd':
    '{count, plural, one {# crowd region} other {# crowd regions}} will be written as ordinary objects (this format has no crowd flag)',
  'loss.cocoArea':
    '{count, plural, one {# stored COCO area} other {# stored COCO areas}} not representable in this format',
  'loss.vocFlags':
    '{count, plural, one {# box} other {# boxes}} with difficult/truncated/pose not representable in this format',
  'loss.polygonsAsBoxes':
    '{count, plural, one {# polygon} other {# polygons}} will be written as boxes',
  'loss.polygonsAsMasks':
    '{count, plural, one {# polygon} other {# polygons}} will be written as masks (pixels)',
  'loss.masksAsBoxes':
    '{count, plural, one {# mask} other {# masks}} will be written as boxes',
  'loss.boxesAsPolygons':
    '{count, plural, one {# box} other {# boxes}} without a shape will be written as rectangle polygons',
  'loss.polygonsInParts':
    '{count, plural, one {# object} other {# objects}} of several polygons will be written as one line per polygon (read back as separate objects)',
  'loss.datasetFields':
    '{count, plural, one {# dataset or class field} other {# dataset or class fields}} from a COCO source (info, licenses, supercategory…) not representable in this format',
  'loss.imageFields':
    'source fields of {count, plural, one {# image} other {# images}} (COCO’s license, coco_url…) not representable in this format',
  'loss.objectFields':
    'source fields of {count, plural, one {# object} other {# objects}} (COCO keys Loupe does not use) not representable in this format',
  'loss.dicom':
    '{count, plural, one {# DICOM reference} other {# DICOM references}} (study, series and instance UIDs, frame number) not representable in this format',
  'loss.unlabelledBoxes':
    '{count, plural, one {# box without a label was left out} other {# boxes without a label were left out}}',
} as const
