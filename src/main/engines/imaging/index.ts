/**
 * The imaging capability: identifying, checking and decoding image files, and making thumbnails and browser previews.
 * Node only (sharp, bmp-js); no electron, no React.
 */
export { alteredCopies } from './altered-copies'
export { analyseImageFile, analyseImageFileFrames, DEFAULT_THUMBNAIL_SIZE } from './analyse'
export type { Analysis, FileAnalysis, ImageFacts } from './analyse'
export { ImagingError } from './errors'
export { browserCanDisplay, sniffImageFormat } from './formats'
export { openImage } from './open'
export { pixelLikeness, SAME_PICTURE } from './pixel-likeness'
export { pixelSignature, type PixelSignature } from './pixel-signature'
export { renderBrowserPreview } from './preview'
export { fileKindProblem, MAX_IMAGE_FILE_BYTES } from './read-file'
