import type { LoupeHandlers } from '../../../shared/api/contract'
import type { JobManager } from '../../platform/jobs/job-manager'
import { DEFAULT_MAP_SEED, type MapService } from './map-service'

export function mapHandlers(service: MapService, jobs: JobManager): LoupeHandlers['map'] {
  return {
    status: () => service.status(),
    compute: ({ fresh, seed }) => {
      const modelId = service.requireEmbeddings()
      const laidOut = service.store.layout(modelId) !== undefined
      return { id: jobs.start('map-layout', { modelId, fresh: fresh === true || !laidOut, seed: seed ?? DEFAULT_MAP_SEED }) }
    },
    points: ({ withPaths }) => service.points(withPaths === true),
    colours: ({ by }) => service.colours(by),
  }
}
