import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'

export function exportHandlers(jobs: JobManager): LoupeHandlers['exports'] {
  return {
    start: (request) => ({ id: jobs.start('export', { ...request, out: requireAbsolute(request.out, 'export folder') }) }),
  }
}
