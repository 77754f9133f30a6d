import type { ExportPlan, ExportPlanRequest } from '../../../shared/api/schemas'
import { countLosses, describeLoss, FORMAT_CARRIES } from '../../engines/formats'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import { catalogueAsSet } from './catalog-to-set'

/**
 * What an export in this format would write and, per kind of information with counts, what it would leave behind or
 * change (polygons written as boxes, crowd regions as ordinary objects…): said before the export runs, the same
 * sentences its result gives.
 */
export function exportPlan(db: Db, catalog: CatalogService, request: ExportPlanRequest): ExportPlan {
  const only = request.filter ? catalog.idsMatching(request.filter) : undefined
  // Names do not change what is lost; the plan reads them as a COCO file without images keeps them.
  const { set, unlabelledBoxes } = catalogueAsSet(db, { portable: false, distinct: 'exact' }, only)
  const losses = countLosses(set, FORMAT_CARRIES[request.format])
  if (unlabelledBoxes > 0) losses.push({ kind: 'unlabelledBoxes', count: unlabelledBoxes })
  const boxes = set.images.reduce((sum, image) => sum + image.boxes.length, 0)
  return { images: set.images.length, boxes, losses, warnings: losses.map(describeLoss) }
}
