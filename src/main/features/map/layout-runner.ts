import type { MapComputeResult } from '../../../shared/api/schemas'
import type { JobContext, JobRunner } from '../../platform/jobs/job-manager'
import type { MapService } from './map-service'
import type { JobTitle } from '../../../shared/jobs/job-titles'

export interface MapLayoutParams {
  modelId: string
  fresh: boolean
  seed: number
}

/** Progress is reported in thousandths of the work: UMAP's epochs and transform chunks are not images. */
const PROGRESS_STEPS = 1000

/**
 * The 'map-layout' job: lays out a model's embeddings, or places the images indexed since. It keeps nothing half
 * done (the layout is saved in one transaction at the end), so a cancelled or interrupted one runs again from the start.
 */
export class MapLayoutRunner implements JobRunner<MapLayoutParams, MapComputeResult> {
  readonly kind = 'map-layout' as const
  readonly resumable = false

  constructor(private readonly service: MapService) {}

  title(params: MapLayoutParams): JobTitle {
    return { id: params.fresh ? 'mapLayout' : 'mapUpdate', values: { model: params.modelId } }
  }

  async run(context: JobContext, params: MapLayoutParams): Promise<MapComputeResult> {
    context.progress(0, PROGRESS_STEPS)
    // A cancel ends the worker; the job manager tells it from a failure by the aborted signal.
    return this.service.update(params.modelId, params, {
      signal: context.signal,
      onProgress: (fraction) => context.progress(Math.round(fraction * PROGRESS_STEPS), PROGRESS_STEPS),
    })
  }
}
