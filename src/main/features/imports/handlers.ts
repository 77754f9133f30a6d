import type { LoupeHandlers } from '../../../shared/api/contract'
import { ApiError } from '../../../shared/api/errors'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'

export function importHandlers(jobs: JobManager): LoupeHandlers['imports'] {
  return {
    start: (request) => {
      if (request.annotations && request.paths.length !== 1) {
        throw new ApiError('bad_request', 'Importing annotations takes exactly one images folder.')
      }
      request.paths.forEach((path) => requireAbsolute(path, 'path to import'))
      if (request.annotations?.path) requireAbsolute(request.annotations.path, 'annotations path')
      // The same import asked again carries on where it stopped instead of starting over.
      const existing = jobs.findResumable('import', request)
      return { id: existing === undefined ? jobs.start('import', request) : jobs.resume(existing) }
    },
  }
}
