import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const CANDIDATES = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx']

/** The file a relative import names (as TypeScript with Bundler resolution finds it), or null for a package. */
export function resolveImport(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const base = resolve(dirname(fromFile), specifier)
  for (const suffix of CANDIDATES) {
    const candidate = base + suffix
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return base
}
