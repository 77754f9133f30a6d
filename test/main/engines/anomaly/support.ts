import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SHARED_DATA } from '../../../support/paths'

/** The magnetic-tile set: good pictures by tile number (pictures of one tile have nearby numbers), defects with masks. */
export const TILES = join(SHARED_DATA, 'magnetic-tile')

const tileNumber = (name: string) => Number(/num_(\d+)/.exec(name)?.[1] ?? 0)

export async function goodTiles(): Promise<string[]> {
  const names = (await readdir(join(TILES, 'good'))).filter((name) => name.endsWith('.jpg'))
  return names.sort((a, b) => tileNumber(a) - tileNumber(b)).map((name) => join(TILES, 'good', name))
}

export async function defectTiles(): Promise<Array<{ path: string; mask: string; kind: string }>> {
  const defects = []
  for (const kind of (await readdir(join(TILES, 'defect'))).sort()) {
    for (const name of (await readdir(join(TILES, 'defect', kind))).filter((entry) => entry.endsWith('.jpg')).sort()) {
      defects.push({ path: join(TILES, 'defect', kind, name), mask: join(TILES, 'defect', kind, 'masks', name.replace(/\.jpg$/, '.png')), kind })
    }
  }
  return defects
}
