import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { resolveImport } from './resolve'

/** Every source file's imports of other source files, read once per lint run. */
export class ImportGraph {
  private readonly edges = new Map<string, string[]>()

  constructor(roots: string[]) {
    for (const root of roots) for (const file of sourceFiles(root)) this.edges.set(file, this.importsOf(file))
  }

  /** A chain file → … → file, starting with the import `next`, if that import closes a circle. */
  circleThrough(file: string, next: string): string[] | null {
    return findPath(next, file, (node) => this.edges.get(node) ?? [], [file, next])
  }

  /**
   * The same question between folders (`unitOf` names a file's folder, or null outside them): two folders that import
   * each other are one unit in disguise, even when no single file closes a circle.
   */
  folderCircleThrough(file: string, next: string, unitOf: (file: string) => string | null): string[] | null {
    const from = unitOf(file)
    const to = unitOf(next)
    if (from === null || to === null || from === to) return null
    this.units ??= this.unitEdges(unitOf)
    const units = this.units
    return findPath(to, from, (unit) => [...(units.get(unit) ?? [])], [from, to])
  }

  private units: Map<string, Set<string>> | undefined

  private unitEdges(unitOf: (file: string) => string | null): Map<string, Set<string>> {
    const edges = new Map<string, Set<string>>()
    for (const [file, targets] of this.edges) {
      const from = unitOf(file)
      if (from === null) continue
      for (const target of targets) {
        const to = unitOf(target)
        if (to === null || to === from) continue
        if (!edges.has(from)) edges.set(from, new Set())
        edges.get(from)!.add(to)
      }
    }
    return edges
  }

  private importsOf(file: string): string[] {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    return importedFiles.map((entry) => resolveImport(file, entry.fileName)).filter((target): target is string => target !== null)
  }
}

/** A path start → … → goal along `next`, prefixed by `prefix` (whose last element is `start`), or null. */
function findPath<T>(start: T, goal: T, next: (node: T) => T[], prefix: T[]): T[] | null {
  const seen = new Set<T>()
  const walk = (node: T, path: T[]): T[] | null => {
    if (node === goal) return path
    if (seen.has(node)) return null
    seen.add(node)
    for (const child of next(node)) {
      const found = walk(child, [...path, child])
      if (found) return found
    }
    return null
  }
  return walk(start, prefix)
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path
  }
}
