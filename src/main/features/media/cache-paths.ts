import { join } from 'node:path'

/** Cached renditions are named by content hash, so duplicates share them and a moved file keeps its thumbnail. */
export function thumbnailPath(thumbsDir: string, contentHash: string): string {
  return join(thumbsDir, contentHash.slice(0, 2), `${contentHash}.webp`)
}

export function previewPath(previewsDir: string, contentHash: string): string {
  return join(previewsDir, contentHash.slice(0, 2), `${contentHash}.png`)
}

/** A DICOM frame's values (after rescale) as little-endian float32, row by row, for window/level in the viewer. */
export function rawFramePath(previewsDir: string, contentHash: string): string {
  return join(previewsDir, contentHash.slice(0, 2), `${contentHash}.f32`)
}
