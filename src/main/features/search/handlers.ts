import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { Embedder } from '../models'
import type { SearchService } from './search-service'

export function searchHandlers(search: SearchService, embedder: Embedder, jobs: JobManager): LoupeHandlers['search'] {
  return {
    status: () => search.status(),
    index: () => {
      const params = { modelId: embedder.modelId }
      const existing = jobs.findResumable('index', params)
      return { id: existing === undefined ? jobs.start('index', params) : jobs.resume(existing) }
    },
    similar: ({ query, k, filter }) =>
      search.similar('path' in query ? { ...query, path: requireAbsolute(query.path, 'query image path') } : query, k, filter),
    duplicates: ({ threshold }) => search.duplicates(threshold),
    duplicateThreshold: () => search.duplicateThreshold(),
  }
}
