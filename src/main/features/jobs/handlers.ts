import type { LoupeHandlers } from '../../../shared/api/contract'
import type { JobManager } from '../../platform/jobs/job-manager'

export function jobHandlers(jobs: JobManager): LoupeHandlers['jobs'] {
  return {
    list: () => jobs.list(),
    cancel: ({ id }) => {
      jobs.cancel(id)
      return { ok: true as const }
    },
    resume: ({ id }) => ({ id: jobs.resume(id) }),
  }
}
