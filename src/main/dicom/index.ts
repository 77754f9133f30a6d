/**
 * DICOM: parsing (dicom-parser), pixel decoding (native, RLE, JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000),
 * window/level, metadata, and de-identified export. Node only.
 */
export { dicomCache, decodeDicomFrame, frameContentHash, openDicomImage, renderDicomFrame } from './image'
export type { DicomImage } from './image'
export { DicomError } from './errors'
export { sniffDicom } from './parse'
export type { DicomFile } from './parse'
export { readIdentity, mainTags, listTags } from './metadata'
export type { DicomIdentity, MainTag, TagValue } from './metadata'
export { CT_PRESETS, defaultWindow, modalityValues, valueRange, windowLevel } from './window'
export type { Rendered, Window, WindowPreset } from './window'
