import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Every file below `dir`, as `/`-separated paths relative to it, sorted by code point so results
 * don't depend on the file system's order. Hidden entries (".DS_Store", ".git") are left out.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(dir, ...rel.split('/')) : dir, { withFileTypes: true })
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue
      const path = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) await visit(path)
      else if (entry.isFile() || (entry.isSymbolicLink() && (await isFileLink(join(dir, ...path.split('/')))))) out.push(path)
    }
  }
  await visit('')
  return out.sort(byCodePoint)
}

// Datasets are often assembled with symlinked images; links to folders are not followed (loops).
async function isFileLink(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined)
  return info?.isFile() ?? false
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export async function isDirectory(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined)
  return info?.isDirectory() ?? false
}
