import { isBuiltin } from 'node:module'
import { posix } from 'node:path'

/**
 * Where a source file sits in Loupe's architecture. The main process is layered: platform → engines → features →
 * app (composition) → doors (Electron shell, Node host, CLI). A file may import its own tier and the tiers below it,
 * never above; features reach each other only through a feature's public index.ts.
 */
export type Place =
  | { tier: 'platform' | 'engines' | 'app' | 'doors'; rank: number; unit: string }
  | { tier: 'features'; rank: number; unit: string }
  | { tier: 'shared' | 'renderer' | 'preload' | 'electron-entry' | 'outside'; rank: number; unit: string }

const MAIN_TIERS = ['platform', 'engines', 'features', 'app', 'doors'] as const

/** `file` is relative to the repository root, with forward slashes. */
export function placeOf(file: string): Place {
  if (file === 'src/main/index.ts') return { tier: 'electron-entry', rank: MAIN_TIERS.length, unit: 'shell' }
  const main = /^src\/main\/([^/]+)\/(?:([^/]+)\/)?/.exec(file)
  if (main) {
    const rank = MAIN_TIERS.indexOf(main[1] as (typeof MAIN_TIERS)[number])
    if (rank >= 0) return { tier: MAIN_TIERS[rank]!, rank, unit: main[2] ?? '' }
  }
  if (file.startsWith('src/shared/')) return { tier: 'shared', rank: -1, unit: '' }
  if (file.startsWith('src/renderer/')) return { tier: 'renderer', rank: -1, unit: '' }
  if (file.startsWith('src/preload/')) return { tier: 'preload', rank: -1, unit: '' }
  return { tier: 'outside', rank: -1, unit: '' }
}

/** The folder a main-process file belongs to for the folder-circle check ("engines/imaging"), or null. */
export function unitOf(file: string): string | null {
  const place = placeOf(file)
  if (!(MAIN_TIERS as readonly string[]).includes(place.tier)) return null
  return place.unit ? `${place.tier}/${place.unit}` : place.tier
}

const REACT = new Set(['react', 'react-dom', 'react-konva', 'konva', '@tanstack/react-virtual'])

/**
 * Why importing `specifier` (resolved to `target`, repository-relative, when it is a file of ours) from `file` breaks
 * the layering, or null when it is fine.
 */
export function violation(file: string, specifier: string, target: string | null): string | null {
  const from = placeOf(file)
  if (from.tier === 'outside') return null
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!

  if (target === null) {
    if (packageName === 'electron' && !['electron-entry', 'preload'].includes(from.tier) && !isShell(file)) {
      return 'Only the Electron shell (src/main/index.ts, src/main/doors/shell) and the preload import electron.'
    }
    if (REACT.has(packageName) && from.tier !== 'renderer') return 'Only the renderer imports React and Konva.'
    if ((from.tier === 'renderer' || from.tier === 'shared') && (isBuiltin(specifier) || specifier.startsWith('node:'))) {
      return `${from.tier === 'renderer' ? 'The renderer' : 'src/shared'} runs in the browser too: no Node built-ins.`
    }
    return null
  }

  const to = placeOf(target)
  switch (from.tier) {
    case 'shared':
      return to.tier === 'shared' ? null : 'src/shared is the contract: it imports nothing from main, preload or renderer.'
    case 'renderer':
      return to.tier === 'renderer' || to.tier === 'shared' ? null : 'The renderer reaches the main process only through the contract (src/shared).'
    case 'preload':
      return to.tier === 'preload' || to.tier === 'shared' ? null : 'The preload imports only the contract (src/shared).'
  }
  if (to.tier === 'renderer' || to.tier === 'preload') return 'The main process never imports the renderer or the preload.'
  if (to.tier === 'shared' || to.tier === 'outside') return null
  if (to.rank > from.rank) return `${describe(from)} must not import ${describe(to)}: a lower tier never imports a higher one.`
  if (from.tier === 'features' && to.tier === 'features' && from.unit !== to.unit) {
    const publicEntry = `src/main/features/${to.unit}/index.ts`
    if (target !== publicEntry) return `Import feature "${to.unit}" through its public index (features/${to.unit}), not ${posix.basename(target)}.`
  }
  if (from.tier === 'doors' && to.tier === 'doors' && from.unit !== to.unit) return 'Front doors (shell, host, cli) do not import each other.'
  return null
}

function isShell(file: string): boolean {
  return file.startsWith('src/main/doors/shell/')
}

function describe(place: Place): string {
  if (place.tier === 'electron-entry') return 'the Electron entry'
  return place.unit ? `${place.tier} (${place.unit})` : place.tier
}
