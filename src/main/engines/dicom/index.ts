/**
 * DICOM: parsing (dicom-parser), pixel decoding (native, RLE, JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000),
 * window/level, metadata, and de-identified export. Node only. The app decodes through dicomDecoder (worker threads);
 * decodeDicomFrame and renderDicomFrame run on the calling thread, for the worker itself and for tests.
 */
export { dicomCache, decodeDicomFrame, frameContentHash, openDicomImage, renderDicomFrame } from './image'
export type { DicomImage } from './image'
export { DicomError } from './errors'
export { dicomDecoder, type DicomDecoder } from './decoder'
export type { DicomSource } from './decode-methods'
export { dicomFramePng, dicomFrameSharp, frameImageInput } from './raster'
export { isDicomFile } from './files'
export { sniffDicom } from './parse'
export type { DicomFile } from './parse'
export { readIdentity, mainTags, listTags } from './metadata'
export type { DicomIdentity, MainTag, TagValue } from './metadata'
export { CT_PRESETS, dataWindow, defaultWindow, modalityValues, valueRange, windowLevel, windowPresets } from './window'
export { frameGeometry, sliceNormal, valueUnits } from './geometry'
export type { FrameGeometry, Orientation, PixelSpacing, Vector3 } from './geometry'
export type { Rendered, Window, WindowPreset } from './window'
