/**
 * Path arithmetic on the host's paths, done in the renderer without node:path. The host may be POSIX or Windows, so
 * both separators count; nothing here touches the disk.
 */

const SEPARATOR_AT_END = /[\\/]+$/
const DRIVE_ROOT = /^[A-Za-z]:$/

/** The folder `path` is in ('' when it has no folder part): "/a/b/c.json" → "/a/b", "/a" → "/", "C:\\a" → "C:\\". */
export function parentOf(path: string): string {
  const trimmed = path.replace(SEPARATOR_AT_END, '')
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  if (cut < 0) return ''
  const parent = trimmed.slice(0, cut)
  if (parent === '' || DRIVE_ROOT.test(parent)) return trimmed.slice(0, cut + 1)
  return parent
}

/** The last part of a path: "/a/b/" → "b". */
export function baseName(path: string): string {
  const trimmed = path.replace(SEPARATOR_AT_END, '')
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1)
}

/** `name` inside `dir`, with the separator `dir` already uses. */
export function joinPath(dir: string, name: string): string {
  if (name === '') return dir
  if (dir === '') return name
  if (/[\\/]$/.test(dir)) return dir + name
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/'
  return `${dir}${separator}${name}`
}

const IMAGE_FILE = /\.(jpe?g|png|webp|tiff?|bmp|gif)$/i

export const looksLikeImageFile = (path: string): boolean => IMAGE_FILE.test(path.trim())

export const looksLikeJsonFile = (path: string): boolean => /\.json$/i.test(path.trim())
export const looksLikeModelFile = (path: string): boolean => /\.(onnx|tflite)$/i.test(path.trim())
