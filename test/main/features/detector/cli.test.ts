import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loupeJsonAsync, runLoupeAsync } from '../../../support/cli'
import { tempDir } from '../../../support/paths'
import { MOBILENET_V1_DIR, NEU, neuNames, neuSubset } from './support'

describe('loupe detector and loupe detect', () => {
  it('train, detect files in pixels without adding them, list, export and import: as the issue prints them', async () => {
    const ws = await tempDir('loupe-detector-cli-')
    const W = ['--workspace', ws]
    const neu = await neuSubset(['crazing', 'patches', 'scratches'].flatMap((kind) => neuNames(kind, 1, 6)))
    await loupeJsonAsync(...W, 'models', 'add', MOBILENET_V1_DIR)
    await loupeJsonAsync(...W, 'import', join(neu, 'images'), '--format', 'voc', '--annotations', join(neu, 'annotations'), '--no-index')

    const trained = await loupeJsonAsync<Record<string, unknown>>(...W, 'detector', 'train', '--epochs', '20', '--patience', '20')
    expect(Object.keys(trained).slice(0, 6)).toEqual(['model', 'epochs', 'trainImages', 'valImages', 'valMAP50', 'perClass'])
    expect(trained).toMatchObject({ model: 'detector-1', trainImages: expect.any(Number), valImages: 3 })
    expect(Object.keys(trained.perClass as object).sort()).toEqual(['crazing', 'patches', 'scratches'])

    // A copy of an imported picture under another path: outside the catalogue, yet a picture a short training has seen,
    // so the check is on the command's shape and coordinates, not on how well twenty epochs generalise.
    const outside = join(await tempDir('loupe-outside-'), 'crazing_2.jpg')
    await copyFile(join(NEU, 'images', 'crazing_2.jpg'), outside)
    const found = await loupeJsonAsync<{ path: string; boxes: Record<string, unknown>[] }[]>(...W, 'detect', outside, '--threshold', '0.05')
    expect(found).toHaveLength(1)
    expect(found[0]!.path).toBe(outside)
    expect(found[0]!.boxes.length).toBeGreaterThan(0)
    for (const box of found[0]!.boxes) {
      expect(Object.keys(box)).toEqual(['label', 'score', 'x', 'y', 'width', 'height'])
      expect(box.x as number).toBeGreaterThanOrEqual(0)
      expect((box.x as number) + (box.width as number)).toBeLessThanOrEqual(200.0001)
    }
    const stats = await loupeJsonAsync<{ images: number }>(...W, 'stats')
    expect(stats.images).toBe(18)
    const human = await runLoupeAsync(...W, 'detect', outside)
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/detector-1 \(head on \w+/)

    const exported = join(await tempDir('loupe-detector-export-'), 'd')
    await loupeJsonAsync(...W, 'detector', 'export', 'detector-1', exported)
    expect(await loupeJsonAsync(...W, 'detector', 'import', exported)).toMatchObject({ name: 'detector-2', active: false })
    expect(await loupeJsonAsync(...W, 'detector', 'use', '2')).toMatchObject({ id: 2, active: true })
    const models = await loupeJsonAsync<{ name: string; active: boolean }[]>(...W, 'detector', 'models')
    expect(models.map(({ name, active }) => ({ name, active }))).toEqual([
      { name: 'detector-2', active: true },
      { name: 'detector-1', active: false },
    ])
    expect(await loupeJsonAsync(...W, 'detect', outside, '--threshold', '0.05')).toEqual(found)

    const refused = await runLoupeAsync(...W, 'detector', 'import', neu)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/is not an exported detector/)
  }, 900_000)
})
