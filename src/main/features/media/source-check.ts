import { open, type FileHandle } from 'node:fs/promises'
import type { ImageFormat } from '../../../shared/api/schemas'
import { sniffImageFormat } from '../../engines/imaging'

/** What a catalogued file was when it was imported: it must still be that before any of it is served or rendered. */
export interface SourceFacts {
  bytes: number
  format: ImageFormat
}

/** Why a request gets no file: 404 when there is nothing to serve, 410 when the file is there but is no longer the one imported. */
export interface MediaRefusal {
  status: 404 | 410
  reason: string
}

export interface OpenedFile {
  handle: FileHandle
  size: number
}

// Enough for every signature sniffImageFormat reads (DICOM's marker sits at 128).
const HEAD_BYTES = 4096

export const refuse = (status: 404 | 410, reason: string): MediaRefusal => ({ status, reason })

export const isRefusal = (value: object): value is MediaRefusal => 'status' in value && 'reason' in value

/**
 * Opens a file and checks it through the handle that will be read, so a path re-pointed between check and read (a
 * swapped symbolic link) cannot slip through: it must be a regular file and, for the user's own files, still have the
 * size and format the catalogue recorded. The caller owns the handle when a file is returned.
 */
export async function openChecked(path: string, expected?: SourceFacts): Promise<OpenedFile | MediaRefusal> {
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch {
    return refuse(404, 'The file is missing.')
  }
  try {
    const problem = await check(handle, expected)
    if (typeof problem === 'string') {
      await handle.close()
      return refuse(410, problem)
    }
    return { handle, size: problem }
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}

/** The same check without keeping the file open, before a rendition is made from it. */
export async function checkSource(path: string, expected: SourceFacts): Promise<MediaRefusal | null> {
  const opened = await openChecked(path, expected)
  if (isRefusal(opened)) return opened
  await opened.handle.close()
  return null
}

/** The file's size when it passes, or why not. */
async function check(handle: FileHandle, expected: SourceFacts | undefined): Promise<number | string> {
  const info = await handle.stat()
  if (!info.isFile()) return 'The catalogued path no longer names a regular file.'
  if (!expected) return info.size
  if (info.size !== expected.bytes) return 'The file changed since it was imported (its size differs); import it again to see it.'
  const head = new Uint8Array(Math.min(HEAD_BYTES, info.size))
  await handle.read(head, 0, head.length, 0)
  if (sniffImageFormat(head) !== expected.format) {
    return `The file changed since it was imported: it is no longer a ${expected.format.toUpperCase()} image.`
  }
  return info.size
}
