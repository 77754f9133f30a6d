export { thumbnailPath } from './cache-paths'
export { MediaService, parseMediaPath, type MediaFile, type MediaKind } from './media-service'
