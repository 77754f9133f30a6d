/** The job bar: each job's state and progress, and what a finished import or export brought. */
export const jobs = {
  'bar.label': 'Background jobs',

  'state.queued': 'Waiting',
  'state.running': 'Running',
  'state.completed': 'Done',
  'state.failed': 'Failed',
  'state.cancelled': 'Cancelled',
  'state.interrupted': 'Interrupted',
  'state.paused': 'Paused',

  'row.measuring': 'measuring…',
  'row.pause': 'Pause',
  'row.pauseTitle': 'Pause automatic indexing: new images wait, out of search, until you resume it',
  'row.cancel': 'Cancel',
  'row.resume': 'Resume',
  'row.dismiss': 'Dismiss',
  stoppedEarly: 'stopped early at epoch {epoch, number} (best {best, number})',

  'error.show': 'Show every problem ▾',
  'error.hide': 'Hide the problems ▴',

  'finished.count': '{count, number} finished',
  'finished.show': 'Show',
  'finished.hide': 'Hide',
  'finished.clear': 'Clear',
  'finished.clearTitle': 'Dismiss every finished job',

  'export.images': '{count, plural, one {<strong>#</strong> image} other {<strong>#</strong> images}}',
  'export.boxes': '{count, plural, one {<strong>#</strong> box} other {<strong>#</strong> boxes}}',
  'export.split': 'split {train, number} train · {val, number} val · {test, number} test',
  'export.warnings': '{count, plural, one {# warning} other {# warnings}}',
  'export.writtenTo': 'Written to',
  'export.folder': 'Export folder',
  'export.copyPath': 'Copy path',
  'export.copied': 'Copied',

  'import.added': '<strong>{count, number}</strong> added',
  'import.duplicates': '{count, plural, one {# duplicate skipped} other {# duplicates skipped}}',
  'import.relinked': '{count, number} relinked',
  'import.failed': '{count, plural, one {# file failed} other {# files failed}} {arrow}',

  'format.coco': 'COCO',
  'format.yolo': 'YOLO',
  'format.voc': 'Pascal VOC',
  'format.folders': 'Folder per class',

  'annotations.boxes': '{count, plural, one {<strong>#</strong> box} other {<strong>#</strong> boxes}}',
  'annotations.tags': '{count, plural, one {<strong>#</strong> tag} other {<strong>#</strong> tags}}',
  'annotations.classes': '{count, plural, one {<strong>#</strong> class} other {<strong>#</strong> classes}}',
  'annotations.matched': '{count, plural, one {# image matched} other {# images matched}}',
  'annotations.skipped': '{count, plural, one {# entry skipped} other {# entries skipped}} {arrow}',
  'annotations.skippedListed': '{count, plural, one {# entry skipped} other {# entries skipped}} (first {listed, number} listed) {arrow}',
} as const
