import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loupeJsonAsync, runLoupeAsync } from '../../../support/cli'
import { CIFAR_MINI, MOBILENET_DIR, tempDir } from '../../../support/paths'

type MapEntry = { path: string; x: number; y: number }

describe('loupe map', () => {
  it('explains that images must be indexed first, then lays them out once and reuses the layout', async () => {
    const ws = await tempDir('loupe-map-cli-')
    const empty = await runLoupeAsync('--workspace', ws, 'map', '--json')
    expect(empty.code).not.toBe(0)
    expect(empty.stderr).toContain('nothing to map: import images and index them first')

    const photos = await tempDir('loupe-map-cli-photos-')
    const files: string[] = []
    for (const label of (await readdir(CIFAR_MINI)).sort().slice(0, 3)) {
      await mkdir(join(photos, label))
      for (const name of (await readdir(join(CIFAR_MINI, label))).sort().slice(0, 10)) {
        await copyFile(join(CIFAR_MINI, label, name), join(photos, label, name))
        files.push(join(photos, label, name))
      }
    }
    await loupeJsonAsync('--workspace', ws, 'models', 'add', MOBILENET_DIR)
    await loupeJsonAsync('--workspace', ws, 'import', photos, '--labels', 'folders')

    const map = await loupeJsonAsync<MapEntry[]>('--workspace', ws, 'map')
    expect(map.map((entry) => Object.keys(entry))).toEqual(files.map(() => ['path', 'x', 'y']))
    expect(map.map((entry) => entry.path).sort()).toEqual([...files].sort())
    for (const { x, y } of map) expect(x >= 0 && x <= 1 && y >= 0 && y <= 1).toBe(true)

    const again = await runLoupeAsync('--workspace', ws, 'map')
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('30 images on the map of mobilenet-v2-0.35-224 (stored layout).')
    expect(await loupeJsonAsync<MapEntry[]>('--workspace', ws, 'map')).toEqual(map)
  })
})
