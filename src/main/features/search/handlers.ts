import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { Embedder } from '../models'
import type { AutoIndexer } from './auto-index'
import type { SearchService } from './search-service'

export function searchHandlers(search: SearchService, embedder: Embedder, jobs: JobManager, autoIndex: AutoIndexer): LoupeHandlers['search'] {
  const status = async () => ({ ...(await search.status()), autoIndexPaused: autoIndex.paused })
  return {
    status,
    index: () => {
      // One index job at a time: asking while one waits or runs answers with it; an automatic one becomes the
      // person's (it no longer gives way to other jobs).
      const active = jobs.active('index')
      if (active !== undefined) {
        jobs.claim(active)
        return { id: active }
      }
      const params = { modelId: embedder.modelId }
      const existing = jobs.findResumable('index', params)
      return { id: existing === undefined ? jobs.start('index', params) : jobs.resume(existing) }
    },
    setAutoIndex: async ({ paused }) => {
      await autoIndex.setPaused(paused)
      return status()
    },
    similar: ({ query, k, filter }) =>
      search.similar('path' in query ? { ...query, path: requireAbsolute(query.path, 'query image path') } : query, k, filter),
    duplicates: ({ threshold }) => search.duplicates(threshold),
    duplicateThreshold: () => search.duplicateThreshold(),
  }
}
