import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { openImage } from '../imaging'

const IMAGE_FILE = /\.(jpe?g|png|webp|tiff?|bmp|gif)$/i

/** Displayed size (EXIF orientation applied) of an image file, which is what box coordinates refer to. */
export async function displayedSize(path: string): Promise<{ width: number; height: number }> {
  const { width, height } = await (await openImage(path)).metadata()
  return { width: width ?? 0, height: height ?? 0 }
}

/** Every image file under `root`, by its path relative to it with `/` separators, with its displayed size. */
export async function imageSizesUnder(root: string): Promise<Map<string, { width: number; height: number }>> {
  const sizes = new Map<string, { width: number; height: number }>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile() || !IMAGE_FILE.test(entry.name)) continue
    const path = join(entry.parentPath, entry.name)
    sizes.set(toPosix(relative(root, path)), await displayedSize(path).catch(() => ({ width: 0, height: 0 })))
  }
  return sizes
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
