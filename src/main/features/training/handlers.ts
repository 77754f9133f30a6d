import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { TrainingServices } from './services'

export function trainingHandlers(training: TrainingServices, jobs: JobManager): LoupeHandlers['training'] {
  const { status, versions, predictions, queues, suggestions } = training
  return {
    status: ({ labels }) => status.status(labels),
    start: (request) => {
      status.checkCanTrain(request)
      return { id: jobs.start('train', request) }
    },
    curves: ({ jobId }) => status.curves(jobId),
    versions: () => versions.list(),
    version: ({ id }) => versions.detail(id),
    activate: ({ id }) => versions.activate(id),
    deleteVersion: ({ id }) => {
      versions.remove(id)
      return { ok: true as const }
    },
    exportVersion: ({ id, dir }) => versions.exportTo(id, requireAbsolute(dir, 'export folder')),
    importVersion: ({ dir }) => versions.importFrom(requireAbsolute(dir, 'classifier folder')),
    predict: (request) => {
      request.paths?.forEach((path) => requireAbsolute(path, 'image path'))
      return predictions.predict(request)
    },
    acceptPredictions: ({ imageIds }) => ({ changed: predictions.accept(imageIds) }),
    labelNext: (request) => queues.labelNext(request),
    labelErrors: (request) => queues.labelErrors(request),
    prelabel: ({ imageIds, threshold }) => ({ id: jobs.start('prelabel', { ...(imageIds ? { imageIds } : {}), threshold }) }),
    prelabelImage: ({ imageId, threshold }) => suggestions.detectIn(imageId, threshold),
    suggestions: ({ imageId, includeDecided, minScore }) => suggestions.list(imageId, includeDecided, minScore),
    acceptSuggestions: ({ imageId, suggestionIds, label }) => suggestions.accept(imageId, suggestionIds, label),
    rejectSuggestions: ({ imageId, suggestionIds }) => {
      suggestions.reject(imageId, suggestionIds)
      return { ok: true as const }
    },
  }
}
