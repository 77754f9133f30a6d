import { access } from 'node:fs/promises'
import type { ImageFormat } from '../../../shared/api/schemas'
import type { CatalogService, StoredImage } from '../catalog'
import { rawFrameBytes } from '../../engines/dicom/raw'
import { analyseImageFile, browserCanDisplay, renderBrowserPreview } from '../../engines/imaging'
import { writeFileAtomic } from '../../platform/storage/atomic-write'
import { previewPath, rawFramePath, thumbnailPath } from './cache-paths'
import { checkSource, isRefusal, openChecked, refuse, type MediaRefusal, type OpenedFile, type SourceFacts } from './source-check'

/**
 * thumb: the WebP thumbnail; image: the file itself, or a PNG rendition where the browser cannot show it (TIFF, a
 * DICOM frame with its default window); raw: a DICOM monochrome frame's rescaled values as float32, for the viewer's
 * own window/level.
 */
export type MediaKind = 'thumb' | 'image' | 'raw'

export interface MediaFile {
  contentType: string
  path: string
  /** Set when `path` is the user's own file, which may have changed since it was imported: what it must still be. */
  expected?: SourceFacts
}

/** A media file opened and checked, ready to stream; whoever asked for it closes the handle. */
export interface OpenedMedia extends OpenedFile {
  contentType: string
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
 * request ever becomes a path; and a catalogued path is only read while it still holds the file that was imported
 * (a symbolic link re-pointed at /etc/passwd afterwards is refused, not served as a JPEG).
 */
export class MediaService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly thumbsDir: string,
    private readonly previewsDir: string,
  ) {}

  /** For the doors: the file opened and checked through the handle that will be streamed, or why there is none. */
  async open(kind: MediaKind, id: number): Promise<OpenedMedia | MediaRefusal> {
    const found = await this.locate(kind, id)
    if (isRefusal(found)) return found
    const opened = await openChecked(found.path, found.expected)
    return isRefusal(opened) ? opened : { ...opened, contentType: found.contentType }
  }

  /** For callers in this process (tests, tools): where the file is, or null. Readers must still check `expected`. */
  async resolve(kind: MediaKind, id: number): Promise<MediaFile | null> {
    const found = await this.locate(kind, id)
    return isRefusal(found) ? null : found
  }

  async locate(kind: MediaKind, id: number): Promise<MediaFile | MediaRefusal> {
    const image = this.catalog.findById(id)
    if (!image) return refuse(404, 'There is no such image in the catalogue.')
    const present = await exists(image.path)
    if (present === image.missing) this.catalog.markMissing(id, !present)
    if (kind === 'thumb') {
      const cached = await this.cachedThumbnail(image.contentHash)
      if (cached) return cached
      return present ? this.rebuildThumbnail(image) : refuse(404, 'The image file is missing and has no thumbnail.')
    }
    if (!present) return refuse(404, 'The image file is missing.')
    if (kind === 'raw' && image.format !== 'dicom') return refuse(404, 'Only DICOM images have raw values.')
    const expected = this.factsOf(image)
    if (!expected) return refuse(404, 'There is no such image in the catalogue.')
    if (kind === 'raw') return this.rawFrame(image, expected)
    if (browserCanDisplay(image.format)) return { contentType: CONTENT_TYPES[image.format], path: image.path, expected }
    return this.preview(image, expected)
  }

  private factsOf(image: StoredImage): SourceFacts | null {
    try {
      return { bytes: this.catalog.getImage(image.id).bytes, format: image.format }
    } catch {
      return null // removed from the catalogue while the request was on its way
    }
  }

  private async cachedThumbnail(contentHash: string): Promise<MediaFile | null> {
    const path = thumbnailPath(this.thumbsDir, contentHash)
    return (await exists(path)) ? { contentType: 'image/webp', path } : null
  }

  /** The cache is disposable: a thumbnail that was deleted is made again on first request, from the same file only. */
  private async rebuildThumbnail(image: StoredImage): Promise<MediaFile | MediaRefusal> {
    const expected = this.factsOf(image)
    if (!expected) return refuse(404, 'There is no such image in the catalogue.')
    const changed = await checkSource(image.path, expected)
    if (changed) return changed
    const analysis = await analyseImageFile(image.path, { frame: image.frame })
    if (!analysis.ok) return refuse(404, 'No thumbnail could be made of this image.')
    if (analysis.facts.contentHash !== image.contentHash) return refuse(410, 'The file changed since it was imported.')
    const path = thumbnailPath(this.thumbsDir, image.contentHash)
    await writeFileAtomic(path, analysis.thumbnail)
    return { contentType: 'image/webp', path }
  }

  private async preview(image: StoredImage, expected: SourceFacts): Promise<MediaFile | MediaRefusal> {
    const path = previewPath(this.previewsDir, image.contentHash)
    if (!(await exists(path))) {
      const changed = await checkSource(image.path, expected)
      if (changed) return changed
      const rendered = await renderBrowserPreview(image.path, image.frame).catch(() => null)
      if (!rendered) return refuse(404, 'No rendition of this image could be made for the browser.')
      await writeFileAtomic(path, rendered)
    }
    return { contentType: 'image/png', path }
  }

  private async rawFrame(image: StoredImage, expected: SourceFacts): Promise<MediaFile | MediaRefusal> {
    const path = rawFramePath(this.previewsDir, image.contentHash)
    if (!(await exists(path))) {
      const changed = await checkSource(image.path, expected)
      if (changed) return changed
      const bytes = await rawFrameBytes(image.path, image.frame).catch(() => null)
      if (!bytes) return refuse(404, 'This DICOM frame has no raw values to show.')
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
