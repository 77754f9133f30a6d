import type { Stats } from 'node:fs'
import { lstat, opendir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileKindProblem } from '../../engines/imaging'
import { describeFsError } from '../../platform/fs/fs-errors'

export interface ScannedFile {
  path: string
  /** The folder name the file sits in, when labels come from folders. */
  label: string | null
  /**
   * Why the file is not imported even though it was found (it does not exist, cannot be listed, is a FIFO or a
   * device, is over the size limit); such entries are listed in the import result, never read.
   */
  problem?: string
}

/** Files nobody means to import that operating systems leave in image folders. */
const IGNORED_NAMES = new Set(['thumbs.db', 'desktop.ini', 'icon\r'])

const LINK_TO_FOLDER = 'a link to a folder (links to folders are not followed, as they can loop)'
const BROKEN_LINK = 'a broken link (nothing is at the path it points to)'

type Add = (path: string, problem?: string) => void

/**
 * Lists every file under the given files and folders, recursively, in a stable order. Hidden entries are passed over;
 * symbolic links to folders are not followed (they can loop), links to files are. Only regular files of a readable
 * size are to be imported: anything else found (a FIFO would block the import, /dev/zero never ends) is listed with
 * its reason, judged by metadata alone, without opening it.
 */
export async function scanImportPaths(
  paths: readonly string[],
  options: { labelsFromFolders: boolean; signal?: AbortSignal },
): Promise<ScannedFile[]> {
  const found: ScannedFile[] = []
  const seen = new Set<string>()
  const add: Add = (path, problem) => {
    if (seen.has(path)) return
    seen.add(path)
    const label = options.labelsFromFolders && !problem ? basename(dirname(path)) || null : null
    found.push(problem ? { path, label, problem } : { path, label })
  }
  for (const given of paths) {
    const path = resolve(given)
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) add(path, await missingReason(path, info))
    else if (info.isDirectory()) await walk(path, add, options.signal)
    else add(path, fileKindProblem(info) ?? undefined)
  }
  return found
}

async function walk(dir: string, add: Add, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted()
  let entries: { name: string; isDir: boolean; isLink: boolean }[]
  try {
    entries = []
    for await (const entry of await opendir(dir)) {
      entries.push({ name: entry.name, isDir: entry.isDirectory(), isLink: entry.isSymbolicLink() })
    }
  } catch (error) {
    add(dir, describeFsError(error as NodeJS.ErrnoException))
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || IGNORED_NAMES.has(entry.name.toLowerCase())) continue
    const path = join(dir, entry.name)
    if (entry.isDir) {
      await walk(path, add, signal)
      continue
    }
    // stat follows a link to what it points at, so a link to a FIFO is judged as the FIFO.
    const info: Stats | Error = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) add(path, entry.isLink ? await missingReason(path, info) : describeFsError(info))
    else if (info.isDirectory()) add(path, LINK_TO_FOLDER)
    else add(path, fileKindProblem(info) ?? undefined)
  }
}

/** A path that cannot be followed: a link whose target is gone says so, anything else says what the system said. */
async function missingReason(path: string, error: NodeJS.ErrnoException): Promise<string> {
  if (error.code !== 'ENOENT') return describeFsError(error)
  const link = await lstat(path).catch(() => null)
  return link?.isSymbolicLink() ? BROKEN_LINK : describeFsError(error)
}
