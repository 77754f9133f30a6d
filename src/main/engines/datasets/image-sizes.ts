import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { isDicomFile, openDicomImage } from '../dicom'
import { openImage } from '../imaging'
import { dicomImageName } from './dicom-names'

const IMAGE_FILE = /\.(jpe?g|png|webp|tiff?|bmp|gif)$/i

/** Displayed size (EXIF orientation applied) of an image file, which is what box coordinates refer to. */
export async function displayedSize(path: string): Promise<{ width: number; height: number }> {
  const { width, height } = await (await openImage(path)).metadata()
  return { width: width ?? 0, height: height ?? 0 }
}

/**
 * Every image under `root`, by its path relative to it with `/` separators, with its displayed size. A DICOM file's
 * frames are listed under the names an export gives them (see dicomImageName), which is how YOLO label files name them.
 */
export async function imageSizesUnder(root: string): Promise<Map<string, { width: number; height: number }>> {
  const sizes = new Map<string, { width: number; height: number }>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    const file = toPosix(relative(root, path))
    if (IMAGE_FILE.test(entry.name)) {
      sizes.set(file, await displayedSize(path).catch(() => ({ width: 0, height: 0 })))
    } else if (await isDicomFile(path)) {
      // The header is all that is needed; a file that is not a readable DICOM image is not an image here either.
      const module = await readFile(path).then((bytes) => openDicomImage(bytes).module, () => null)
      if (!module) continue
      for (let frame = 0; frame < module.frames; frame++) {
        sizes.set(dicomImageName(file, frame, module.frames), { width: module.columns, height: module.rows })
      }
    }
  }
  return sizes
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
