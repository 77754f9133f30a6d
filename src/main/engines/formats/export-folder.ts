import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { describeFsError, fsErrorSentence, isErrnoException } from '../../platform/fs/fs-errors'
import { ExportError } from './problems'
import type { SplitLayout } from './split-layout'
import type { ExportLoss } from '../../../shared/api/schemas'
import { describeLoss } from './lost-information'

/**
 * Builds an export in a work folder beside the target (`<target>.tmp-<random>`, or `workFolder` when given) and
 * renames it into place, so a crash or an error never leaves a half-written dataset where the user asked for one.
 * Refuses a target that exists and is not an empty folder. A failure of the file system (a file where a folder should
 * be, a full disk) is told as a sentence naming the path, never as a bare error code.
 */
export async function buildFolderAtomically(
  target: string,
  build: (dir: string) => Promise<void>,
  workFolder?: string,
): Promise<string> {
  const out = resolve(target)
  await assertFreeTarget(out)
  await inWords('create the export folder', out, () => mkdir(dirname(out), { recursive: true }))
  const tmp = workFolder ?? `${out}.tmp-${randomBytes(6).toString('hex')}`
  await inWords('create the work folder', tmp, () => mkdir(tmp))
  try {
    await inWords('write the export to', out, () => build(tmp))
    // Checked again: someone may have created the folder while we were writing.
    await assertFreeTarget(out)
    await inWords('move the finished export to', out, async () => {
      await rmdir(out).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e
      })
      await rename(tmp, out)
    })
  } catch (error) {
    await rm(tmp, { recursive: true, force: true })
    throw error
  }
  return out
}

/** Runs a file-system step, turning an operating-system error into a sentence (our own errors pass as they are). */
async function inWords<T>(action: string, path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step()
  } catch (error) {
    throw isErrnoException(error) ? new Error(fsErrorSentence(error, action, path), { cause: error }) : error
  }
}

async function assertFreeTarget(out: string): Promise<void> {
  // A stat that fails other than by "not there" (a file where a parent folder should be, no permission) means the
  // folder cannot be made either, and that is what the user asked for.
  const info = await inWords('create the export folder', out, () =>
    stat(out).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined
      throw e
    }),
  )
  if (!info) return
  if (!info.isDirectory()) throw new ExportError([{ file: out, message: 'a file with this name already exists; choose a new folder' }])
  if ((await inWords('read the folder', out, () => readdir(out))).length > 0) {
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
    const why = code === 'ENOENT' ? `image file not found at ${source}` : `cannot copy ${source}: ${isErrnoException(e) ? describeFsError(e) : (e as Error).message}`
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
  /** Where to build the export before it is renamed into place (must not exist); a random name beside it by default. */
  workFolder?: string
  /** Write the images in train/val/test parts, each in the format's own way of holding them. */
  split?: SplitLayout
}

export interface WriteResult {
  /** The finished export folder (absolute). */
  dir: string
  /** What the format could not carry, counted per kind; empty when nothing was lost. */
  losses: ExportLoss[]
  /** Anything else to know, in English: files renamed, images left out, masks overlapping. */
  notes: string[]
  /** Both in English sentences, losses first: what the CLI prints. */
  warnings: string[]
}

export function writeResult(dir: string, losses: ExportLoss[], notes: string[] = []): WriteResult {
  return { dir, losses, notes, warnings: [...losses.map(describeLoss), ...notes] }
}
