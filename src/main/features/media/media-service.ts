import { access } from 'node:fs/promises'
import type { ImageFormat } from '../../../shared/api/schemas'
import type { CatalogService, StoredImage } from '../catalog'
import { rawFrameBytes } from '../../engines/dicom/raw'
import { analyseImageFile, browserCanDisplay, renderBrowserPreview } from '../../engines/imaging'
import { writeFileAtomic } from '../../platform/storage/atomic-write'
import { previewPath, rawFramePath, thumbnailPath } from './cache-paths'

/**
 * thumb: the WebP thumbnail; image: the file itself, or a PNG rendition where the browser cannot show it (TIFF, a
 * DICOM frame with its default window); raw: a DICOM monochrome frame's rescaled values as float32, for the viewer's
 * own window/level.
 */
export type MediaKind = 'thumb' | 'image' | 'raw'

export interface MediaFile {
  contentType: string
  path: string
}

const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  gif: 'image/gif',
  dicom: 'application/dicom',
}

/**
 * Turns a media request into a file on disk. Only images the catalogue knows can be served, by id, so no part of a
 * request ever becomes a path.
 */
export class MediaService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly thumbsDir: string,
    private readonly previewsDir: string,
  ) {}

  async resolve(kind: MediaKind, id: number): Promise<MediaFile | null> {
    const image = this.catalog.findById(id)
    if (!image) return null
    if (!(await exists(image.path))) {
      if (!image.missing) this.catalog.markMissing(id, true)
      return kind === 'thumb' ? this.cachedThumbnail(image.contentHash) : null
    }
    if (image.missing) this.catalog.markMissing(id, false)
    if (kind === 'thumb') return (await this.cachedThumbnail(image.contentHash)) ?? this.rebuildThumbnail(image)
    if (kind === 'raw') return image.format === 'dicom' ? this.rawFrame(image) : null
    if (browserCanDisplay(image.format)) return { contentType: CONTENT_TYPES[image.format], path: image.path }
    return this.preview(image)
  }

  private async cachedThumbnail(contentHash: string): Promise<MediaFile | null> {
    const path = thumbnailPath(this.thumbsDir, contentHash)
    return (await exists(path)) ? { contentType: 'image/webp', path } : null
  }

  /** The cache is disposable: a thumbnail that was deleted is made again on first request. */
  private async rebuildThumbnail(image: StoredImage): Promise<MediaFile | null> {
    const analysis = await analyseImageFile(image.path, { frame: image.frame })
    if (!analysis.ok) return null
    const path = thumbnailPath(this.thumbsDir, analysis.facts.contentHash)
    await writeFileAtomic(path, analysis.thumbnail)
    return { contentType: 'image/webp', path }
  }

  private async preview(image: StoredImage): Promise<MediaFile | null> {
    const path = previewPath(this.previewsDir, image.contentHash)
    if (!(await exists(path))) {
      const rendered = await renderBrowserPreview(image.path, image.frame).catch(() => null)
      if (!rendered) return null
      await writeFileAtomic(path, rendered)
    }
    return { contentType: 'image/png', path }
  }

  private async rawFrame(image: StoredImage): Promise<MediaFile | null> {
    const path = rawFramePath(this.previewsDir, image.contentHash)
    if (!(await exists(path))) {
      const bytes = await rawFrameBytes(image.path, image.frame).catch(() => null)
      if (!bytes) return null
      await writeFileAtomic(path, bytes)
    }
    return { contentType: 'application/octet-stream', path }
  }
}

/** `/thumb/12`, `/image/12` or `/raw/12`, nothing else: the id is the only variable part. */
export function parseMediaPath(pathname: string): { kind: MediaKind; id: number } | null {
  const match = /^\/(thumb|image|raw)\/([1-9][0-9]{0,15})$/.exec(pathname)
  if (!match) return null
  const id = Number(match[2])
  return Number.isSafeInteger(id) ? { kind: match[1] as MediaKind, id } : null
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )
