import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import { downloadableModel } from './download-runner'
import type { Embedder } from './embedder'
import { activateModel, installModel, listKnownModels, listModels } from './models'

export function modelHandlers(embedder: Embedder, jobs: JobManager): LoupeHandlers['models'] {
  return {
    list: () => listModels(embedder),
    known: () => listKnownModels(embedder),
    add: async ({ path }) => (await installModel(embedder, requireAbsolute(path, 'model folder or file'))).model,
    download: ({ id }) => {
      // Refused here, before a job exists, when there is nothing to download.
      downloadableModel(id)
      return { id: jobs.start('model-download', { modelId: id }) }
    },
    activate: ({ id }) => activateModel(embedder, jobs, id),
  }
}
