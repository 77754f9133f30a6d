import type { ExportLoss, ExportResult } from '../../../shared/api/schemas'
import type { MessageKey } from '../i18n/catalog-types'
import { t } from '../i18n/t'

const LOSS_MESSAGES: Record<ExportLoss['kind'], MessageKey> = {
  boxes: 'exportDialog.loss.boxes',
  imageTags: 'exportDialog.loss.imageTags',
  crowd: 'exportDialog.loss.crowd',
  cocoArea: 'exportDialog.loss.cocoArea',
  vocFlags: 'exportDialog.loss.vocFlags',
  polygonsAsBoxes: 'exportDialog.loss.polygonsAsBoxes',
  polygonsAsMasks: 'exportDialog.loss.polygonsAsMasks',
  masksAsBoxes: 'exportDialog.loss.masksAsBoxes',
  boxesAsPolygons: 'exportDialog.loss.boxesAsPolygons',
  polygonsInParts: 'exportDialog.loss.polygonsInParts',
  datasetFields: 'exportDialog.loss.datasetFields',
  imageFields: 'exportDialog.loss.imageFields',
  objectFields: 'exportDialog.loss.objectFields',
  dicom: 'exportDialog.loss.dicom',
  unlabelledBoxes: 'exportDialog.loss.unlabelledBoxes',
}

/** What an export leaves behind, in the page's language (the services say the same in English, for the CLI). */
export const lossText = (loss: ExportLoss): string => t(LOSS_MESSAGES[loss.kind], { count: loss.count })

/** An export result's warnings to show: its losses said here, then its other notes; a result stored before, as it is. */
export function exportWarnings(result: ExportResult): string[] {
  return result.losses ? [...result.losses.map(lossText), ...(result.notes ?? [])] : result.warnings
}
