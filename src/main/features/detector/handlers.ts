import type { LoupeHandlers } from '../../../shared/api/contract'
import { ApiError } from '../../../shared/api/errors'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { DetectorServices } from './services'

export function detectorHandlers(detector: DetectorServices, jobs: JobManager): LoupeHandlers['detector'] {
  const { versions, detection } = detector
  return {
    status: () => versions.status(),
    train: (request) => {
      versions.checkCanTrain(request.classes)
      return { id: jobs.start('detector-train', request) }
    },
    curves: ({ jobId }) => versions.curves(jobId),
    versions: () => versions.list(),
    version: ({ id }) => versions.detail(id),
    activate: ({ id }) => versions.activate(id),
    setThreshold: ({ id, threshold }) => versions.setThreshold(id, threshold),
    deleteVersion: ({ id }) => {
      versions.remove(id)
      return { ok: true as const }
    },
    exportVersion: ({ id, dir }) => versions.exportTo(id, requireAbsolute(dir, 'export folder')),
    importVersion: ({ dir }) => versions.importFrom(requireAbsolute(dir, 'detector folder')),
    detect: (request) => {
      request.paths?.forEach((path) => requireAbsolute(path, 'image path'))
      return detection.detect(request)
    },
    detectAll: (request) => {
      if (request.paths) {
        throw new ApiError('bad_request', 'detectAll keeps boxes for catalogue images only: give imageIds, or use detect for files.')
      }
      detection.load(request.versionId)
      return { id: jobs.start('detect', request) }
    },
    suggest: ({ imageId, threshold }) => detection.suggest(imageId, threshold),
  }
}
