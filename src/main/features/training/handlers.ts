import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { TrainingService } from './training-service'

export function trainingHandlers(training: TrainingService, jobs: JobManager): LoupeHandlers['training'] {
  return {
    status: () => training.status(),
    start: (request) => {
      training.checkCanTrain(request)
      return { id: jobs.start('train', request) }
    },
    curves: ({ jobId }) => training.curves(jobId),
    versions: () => training.versions(),
    version: ({ id }) => training.version(id),
    activate: ({ id }) => training.activate(id),
    deleteVersion: ({ id }) => {
      training.deleteVersion(id)
      return { ok: true as const }
    },
    exportVersion: ({ id, dir }) => training.exportVersion(id, requireAbsolute(dir, 'export folder')),
    importVersion: ({ dir }) => training.importVersion(requireAbsolute(dir, 'classifier folder')),
    predict: (request) => {
      request.paths?.forEach((path) => requireAbsolute(path, 'image path'))
      return training.predict(request)
    },
    acceptPredictions: ({ imageIds }) => ({ changed: training.acceptPredictions(imageIds) }),
    labelNext: (request) => training.labelNext(request),
    labelErrors: (request) => training.labelErrors(request),
    prelabel: ({ imageIds, threshold }) => ({ id: jobs.start('prelabel', { ...(imageIds ? { imageIds } : {}), threshold }) }),
    suggestions: ({ imageId, includeDecided, minScore }) => training.suggestions(imageId, includeDecided, minScore),
    acceptSuggestions: ({ imageId, suggestionIds, label }) => training.acceptSuggestions(imageId, suggestionIds, label),
    rejectSuggestions: ({ imageId, suggestionIds }) => {
      training.rejectSuggestions(imageId, suggestionIds)
      return { ok: true as const }
    },
  }
}
