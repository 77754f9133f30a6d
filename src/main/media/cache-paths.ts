import { join } from 'node:path'

/** Cached renditions are named by content hash, so duplicates share them and a moved file keeps its thumbnail. */
export function thumbnailPath(thumbsDir: string, contentHash: string): string {
  return join(thumbsDir, contentHash.slice(0, 2), `${contentHash}.webp`)
}

export function previewPath(previewsDir: string, contentHash: string): string {
  return join(previewsDir, contentHash.slice(0, 2), `${contentHash}.png`)
}
