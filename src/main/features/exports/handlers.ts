import type { LoupeHandlers } from '../../../shared/api/contract'
import { ApiError } from '../../../shared/api/errors'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import { exportPlan } from './export-plan'

export function exportHandlers(jobs: JobManager, catalog: CatalogService, db: Db): LoupeHandlers['exports'] {
  return {
    plan: (request) => exportPlan(db, catalog, request),
    start: (request) => {
      if (request.split && request.format === 'folders') {
        throw new ApiError('bad_request', 'A folder-per-class export cannot be split; choose COCO, YOLO or VOC to split it.')
      }
      // Refused before the job starts, so the person can change the filter instead of finding an empty export.
      if (request.filter && catalog.idsMatching(request.filter).size === 0) {
        throw new ApiError('bad_request', 'No image matches what was chosen for export; change the filter or the selection.')
      }
      return { id: jobs.start('export', { ...request, out: requireAbsolute(request.out, 'export folder') }) }
    },
  }
}
