import { describeFsError } from '../../platform/fs/fs-errors'
import { opendir, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'

export interface ScannedFile {
  path: string
  /** The folder name the file sits in, when labels come from folders. */
  label: string | null
  /** Why the path could not even be listed (it does not exist, cannot be opened); such entries are reported, not imported. */
  problem?: string
}

/** Files nobody means to import that operating systems leave in image folders. */
const IGNORED_NAMES = new Set(['thumbs.db', 'desktop.ini', 'icon\r'])

/**
 * Lists every file under the given files and folders, recursively, in a stable order. Hidden entries are passed over;
 * symbolic links to folders are not followed (they can loop), links to files are.
 */
export async function scanImportPaths(
  paths: readonly string[],
  options: { labelsFromFolders: boolean; signal?: AbortSignal },
): Promise<ScannedFile[]> {
  const found: ScannedFile[] = []
  const seen = new Set<string>()
  const add = (path: string, problem?: string) => {
    if (seen.has(path)) return
    seen.add(path)
    const label = options.labelsFromFolders && !problem ? basename(dirname(path)) || null : null
    found.push(problem ? { path, label, problem } : { path, label })
  }
  for (const given of paths) {
    const path = resolve(given)
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) add(path, describeFsError(info))
    else if (info.isDirectory()) await walk(path, add, options.signal)
    else add(path)
  }
  return found
}

async function walk(dir: string, add: (path: string, problem?: string) => void, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted()
  let entries: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[]
  try {
    entries = []
    for await (const entry of await opendir(dir)) {
      entries.push({
        name: entry.name,
        isDir: entry.isDirectory(),
        isFile: entry.isFile(),
        isLink: entry.isSymbolicLink(),
      })
    }
  } catch (error) {
    add(dir, describeFsError(error as NodeJS.ErrnoException))
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || IGNORED_NAMES.has(entry.name.toLowerCase())) continue
    const path = join(dir, entry.name)
    if (entry.isDir) await walk(path, add, signal)
    else if (entry.isFile) add(path)
    else if (entry.isLink) {
      const target = await stat(path).catch(() => null)
      if (target?.isFile()) add(path)
    }
  }
}
