/** How much of the library is indexed for search and the classifier, with the running index's progress. */
export const indexing = {
  indexed: '{count, number} indexed',
  pending: '{count, number} to index',
  countsTitle: 'Images that visual search and the classifier can use, and those still to be indexed',
  progressLabel: 'Indexing',
  progressTitle: 'Indexing: {done, number} of {total, number}',
  waiting: 'waiting',
  waitingTitle: 'Indexing carries on when the job you started has finished',
  getModel: 'Get a model…',
  resume: 'Resume indexing',
  resumeTitle: 'Index new images in the background again',
  pause: 'Pause',
  pauseTitle: 'Stop indexing for now: new images wait, out of search, until you resume it',
} as const
