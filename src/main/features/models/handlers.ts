import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { Embedder } from './embedder'
import { activateModel, addModel, listModels } from './models'

export function modelHandlers(embedder: Embedder, jobs: JobManager): LoupeHandlers['models'] {
  return {
    list: () => listModels(embedder),
    add: async ({ dir }) => (await addModel(embedder, requireAbsolute(dir, 'model folder'))).model,
    activate: ({ id }) => activateModel(embedder, jobs, id),
  }
}
