import { constants, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { ImagingError, unreadableFile } from './errors'

/**
 * The largest file we read as one image. A file is held whole in memory while it is hashed and decoded (three at a
 * time during an import), so there must be a ceiling; 1 GiB still holds the largest picture the pixel limit allows
 * stored uncompressed (16383 × 16383 × 4 bytes of 8-bit RGBA is just under 2^30), and every compressed photo or scan
 * by far. Larger files are refused by their size, before a byte is read.
 */
export const MAX_IMAGE_FILE_BYTES = 2 ** 30
const LIMIT_TEXT = 'larger than the 1 GiB limit for one image file'

/** Why a file cannot be read as an image by what it is (a FIFO, a device, too large), or null when it can. */
export function fileKindProblem(info: Stats): string | null {
  if (!info.isFile()) return `not a regular file (${describeKind(info)})`
  if (info.size > MAX_IMAGE_FILE_BYTES) return LIMIT_TEXT
  return null
}

function describeKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  return 'not a file'
}

// Where the platform has it: opening a FIFO without it waits for a writer, forever if none comes.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * The file's bytes, read only when it is a regular file within MAX_IMAGE_FILE_BYTES. The path is checked without
 * opening it (opening a FIFO can block) and the opened file again, in case the path was swapped in between.
 */
export async function readImageBytes(path: string): Promise<Buffer> {
  const refuse = (info: Stats) => {
    if (info.isDirectory()) throw unreadableFile(Object.assign(new Error('is a directory'), { code: 'EISDIR' }))
    const problem = fileKindProblem(info)
    if (problem) throw new ImagingError(problem)
  }
  try {
    refuse(await stat(path))
    const handle = await open(path, OPEN_FLAGS)
    try {
      const info = await handle.stat()
      refuse(info)
      return await readExactly(handle, info.size)
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw error instanceof ImagingError ? error : unreadableFile(error)
  }
}

/** Up to `size` bytes: never more, whatever the file grows to while it is read. */
async function readExactly(handle: Awaited<ReturnType<typeof open>>, size: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(size)
  let filled = 0
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return filled === size ? bytes : bytes.subarray(0, filled)
}
