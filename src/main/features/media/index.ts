export { thumbnailPath } from './cache-paths'
export { MediaService, parseMediaPath, type MediaFile, type MediaKind, type OpenedMedia } from './media-service'
export { isRefusal, type MediaRefusal } from './source-check'
