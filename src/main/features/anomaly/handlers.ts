import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { AnomalyService } from './anomaly-service'

export function anomalyHandlers(service: AnomalyService, jobs: JobManager): LoupeHandlers['anomaly'] {
  return {
    models: () => service.models(),
    fit: (request) => {
      request.paths?.forEach((path) => requireAbsolute(path, 'image path'))
      // Refuses an unknown label or image now, not as a failed job.
      service.goodImages(request)
      return { id: jobs.start('anomaly-fit', request) }
    },
    score: (request) => {
      request.paths?.forEach((path) => requireAbsolute(path, 'image path'))
      return service.score(request)
    },
    evaluate: (request) => service.evaluate(request),
    deleteModel: async ({ id }) => {
      await service.remove(id)
      return { ok: true as const }
    },
    setActive: ({ id }) => service.setActive(id),
    previewThreshold: ({ id, threshold }) => service.store.previewThreshold(id, threshold),
    setThreshold: ({ id, threshold }) => service.setThreshold(id, threshold),
    heatmap: (request) => service.heatmap(request),
  }
}
