export { DicomService } from './dicom-service'
export { dicomHandlers } from './handlers'
export { DicomStore } from './dicom-store'
