import { realpath } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'

/** list: see a folder's entries; read: load files from it; write: create files in it. */
export type Access = 'list' | 'read' | 'write'

/**
 * The places on disk the Electron window may name in a request: what the person chose in a native dialog (or allowed
 * when asked) during this session, with everything below it, plus folders it may only list (home, for the in-app
 * browser). Kept in the main process, where the renderer cannot add to it. Paths are compared by where they really
 * lead, so a link inside a granted folder pointing out of it does not widen the grant.
 */
export class PathGrants {
  private readonly granted: string[] = []

  constructor(private readonly listOnly: readonly string[] = []) {}

  async grant(path: string): Promise<void> {
    const real = await realLocation(path)
    if (!this.granted.includes(real)) this.granted.push(real)
  }

  async allows(path: string, access: Access): Promise<boolean> {
    const target = await realLocation(path)
    const roots = access === 'list' ? [...this.granted, ...(await Promise.all(this.listOnly.map(realLocation)))] : this.granted
    return roots.some((root) => isInside(root, target))
  }
}

/**
 * Where `path` really leads, also when its last parts do not exist yet (an export folder about to be made): the
 * nearest existing ancestor is resolved through its links and the missing rest appended.
 */
export async function realLocation(path: string): Promise<string> {
  const missing: string[] = []
  let current = resolve(path)
  for (;;) {
    const real = await realpath(current).catch(() => null)
    if (real !== null) return join(real, ...missing.reverse())
    const parent = dirname(current)
    if (parent === current) return resolve(path)
    missing.push(basename(current))
    current = parent
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target)
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..')
}
