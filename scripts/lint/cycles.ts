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
    const seen = new Set<string>()
    const walk = (node: string, path: string[]): string[] | null => {
      if (node === file) return path
      if (seen.has(node)) return null
      seen.add(node)
      for (const child of this.edges.get(node) ?? []) {
        const found = walk(child, [...path, child])
        if (found) return found
      }
      return null
    }
    return walk(next, [file, next])
  }

  private importsOf(file: string): string[] {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    return importedFiles.map((entry) => resolveImport(file, entry.fileName)).filter((target): target is string => target !== null)
  }
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path
  }
}
