import type { LoupeHandlers } from '../../../shared/api/contract'
import { requireAbsolute } from '../../platform/fs/absolute-path'
import type { DicomService } from './dicom-service'

export function dicomHandlers(dicom: DicomService): LoupeHandlers['dicom'] {
  return {
    metadata: ({ imageId }) => dicom.metadata(imageId),
    frame: ({ imageId }) => dicom.frame(imageId),
    stack: ({ imageId }) => dicom.stack(imageId),
    series: ({ imageIds }) => dicom.series(imageIds),
    measurements: ({ imageIds }) => dicom.measurements(imageIds),
    exportImages: (request) => dicom.exportImages({ ...request, out: requireAbsolute(request.out, 'export folder') }),
  }
}
