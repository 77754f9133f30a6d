import { ApiError } from '../../../shared/api/errors'
import { PREVIEW_SIZE, type FilePreview } from '../../../shared/api/schemas'
import { analyseImageFile } from '../../engines/imaging'

/**
 * An image file from outside the catalogue as the search view shows it before searching by it: a WebP no larger than
 * PREVIEW_SIZE and the picture's own size (regions drawn on the preview are scaled to it). The file is decoded whole,
 * so a damaged one is refused here, with the same reason an import would give, rather than when searched.
 */
export async function previewImageFile(path: string): Promise<FilePreview> {
  const analysis = await analyseImageFile(path, { thumbnailSize: PREVIEW_SIZE })
  if (!analysis.ok) throw new ApiError('bad_request', `Cannot show ${path}: ${analysis.reason}.`)
  const { width, height } = analysis.facts
  return { path, width, height, webpBase64: analysis.thumbnail.toString('base64') }
}
