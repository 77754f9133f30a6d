import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import { downloadableModel } from './download-runner'
import type { Embedder } from './embedder'
import { inspectModel } from './model-inspect'
import { activateModel, installModel, listKnownModels, listModels } from './models'

export function modelHandlers(embedder: Embedder, jobs: JobManager): LoupeHandlers['models'] {
  return {
    list: () => listModels(embedder),
    known: () => listKnownModels(embedder),
    inspect: ({ path }) => inspectModel(requireAbsolute(path, 'model folder or file')),
    add: async ({ path, onnx }) => (await installModel(embedder, requireAbsolute(path, 'model folder or file'), onnx ? { onnx } : {})).model,
    download: ({ id }) => {
      // Refused here, before a job exists, when there is nothing to download.
      downloadableModel(id)
      return { id: jobs.start('model-download', { modelId: id }) }
    },
    activate: ({ id }) => activateModel(embedder, jobs, id),
  }
}
