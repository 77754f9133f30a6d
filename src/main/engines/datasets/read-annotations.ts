import { ApiError } from '../../../shared/api/errors'
import type { AnnotationSource } from '../../../shared/api/schemas'
import { readCoco, readFolders, readVoc, readYolo, type ReadResult } from '../formats'
import { displayedSize, imageSizesUnder } from './image-sizes'

/**
 * Reads the annotations that come with an imported folder. Malformed files throw a FormatError naming each bad
 * entry, unless the user chose to skip them.
 */
export async function readAnnotations(source: AnnotationSource, imagesRoot: string): Promise<ReadResult> {
  const options = { skipInvalid: source.skipInvalid }
  switch (source.format) {
    case 'coco':
      if (!source.path) {
        throw new ApiError('bad_request', 'A COCO import needs the annotations JSON file (--annotations FILE).')
      }
      return readCoco(source.path, options)
    case 'voc':
      return readVoc(source.path ?? imagesRoot, options)
    case 'yolo':
    case 'yolo-seg':
      return readYolo(source.path ?? imagesRoot, {
        ...options,
        images: await imageSizesUnder(imagesRoot),
        ...(source.classes ? { classes: source.classes } : {}),
      })
    case 'folders':
      return readFolders(source.path ?? imagesRoot, { ...options, imageSize: displayedSize })
  }
}

/** The folder that annotation file names are relative to: the class folders themselves for folder-per-class. */
export function annotationRoot(source: AnnotationSource, imagesRoot: string): string {
  return source.format === 'folders' ? (source.path ?? imagesRoot) : imagesRoot
}
