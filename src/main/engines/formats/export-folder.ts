import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { ExportError } from './problems'

/**
 * Builds an export in `<target>.tmp-<random>` beside the target and renames it into place, so a
 * crash or an error never leaves a half-written dataset where the user asked for one.
 * Refuses a target that exists and is not an empty folder.
 */
export async function buildFolderAtomically(target: string, build: (dir: string) => Promise<void>): Promise<string> {
  const out = resolve(target)
  await assertFreeTarget(out)
  await mkdir(dirname(out), { recursive: true })
  const tmp = `${out}.tmp-${randomBytes(6).toString('hex')}`
  await mkdir(tmp)
  try {
    await build(tmp)
    // Checked again: someone may have created the folder while we were writing.
    await assertFreeTarget(out)
    await rmdir(out).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e
    })
    await rename(tmp, out)
  } catch (error) {
    await rm(tmp, { recursive: true, force: true })
    throw error
  }
  return out
}

async function assertFreeTarget(out: string): Promise<void> {
  const info = await stat(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw e
  })
  if (!info) return
  if (!info.isDirectory()) throw new ExportError([{ file: out, message: 'a file with this name already exists; choose a new folder' }])
  if ((await readdir(out)).length > 0) {
    throw new ExportError([{ file: out, message: 'the folder already exists and is not empty; choose a new folder' }])
  }
}

/**
 * Why an image's `file` can't be used as a path inside an export folder, or undefined if it can.
 * Guards against names that would escape the folder or mean different things on different systems.
 */
export function relativePathProblem(file: string): string | undefined {
  if (file.length === 0) return 'file name is empty'
  if (file.includes('\\')) return 'file name contains a backslash; use / between folders'
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) return 'file name is an absolute path'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(file)) return 'file name contains a control character'
  const parts = file.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'file name has an empty, "." or ".." folder part'
  return undefined
}

/** `a/b/c.jpg` → `a/b/c` : label files are named after the image without its extension. */
export function withoutExtension(file: string): string {
  const slash = file.lastIndexOf('/')
  const dot = file.lastIndexOf('.')
  return dot > slash + 1 ? file.slice(0, dot) : file
}

/** How exporters get image files into the export. */
export interface ImageCopy {
  /** Absolute path of an image's file on disk, given its `file`. */
  sourceOf: (file: string) => string
  /** 'hardlink' saves space and falls back to copying across devices. Default 'copy'. */
  mode?: 'copy' | 'hardlink'
  /**
   * The bytes of an image that is not a file of its own (a DICOM frame, written as the PNG its `file` names), or
   * undefined for an image whose file is copied.
   */
  render?: (file: string) => Promise<Buffer> | undefined
}

export async function placeImage(copy: ImageCopy, file: string, destination: string): Promise<void> {
  await mkdir(dirname(destination), { recursive: true })
  const rendering = copy.render?.(file)
  if (rendering) {
    let bytes: Buffer
    try {
      bytes = await rendering
    } catch (e) {
      throw new ExportError([{ file, message: `cannot render the image: ${(e as { reason?: string }).reason ?? (e as Error).message}` }])
    }
    await writeFile(destination, bytes, { flag: 'wx' })
    return
  }
  const source = copy.sourceOf(file)
  try {
    if (copy.mode === 'hardlink') {
      try {
        await link(source, destination)
        return
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw e
      }
    }
    await copyFile(source, destination)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? `image file not found at ${source}` : `cannot copy ${source}: ${(e as Error).message}`
    throw new ExportError([{ file, message: why }])
  }
}

/** Writes into `dir/<relative>` creating parent folders. */
export function inside(dir: string, relative: string): string {
  return join(dir, ...relative.split('/'))
}

export interface WriteOptions {
  /** Also put the image files into the export (COCO/YOLO: `images/`, VOC: `JPEGImages/`). */
  images?: ImageCopy
}

export interface WriteResult {
  /** The finished export folder (absolute). */
  dir: string
  /** What the format could not carry (e.g. "3 image tags"), for the user to see; empty when nothing was lost. */
  warnings: string[]
}
