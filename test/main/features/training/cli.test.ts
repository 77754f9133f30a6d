import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COCO_IMAGES, MOBILENET_DIR, SHARED_DATA, tempDir } from '../../../support/paths'
import { loupeJson as json, runLoupe as loupe } from '../../../support/cli'

const NEU_IMAGES = join(SHARED_DATA, 'neu-det', 'images')
const CLASSES = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches']

describe('loupe train / predict / models list / prelabel', () => {
  it('trains from the command line and predicts catalogue and outside files', async () => {
    const ws = await tempDir('loupe-ws-')
    const folders = await tempDir()
    for (const name of CLASSES) {
      await mkdir(join(folders, name))
      for (let i = 1; i <= 8; i++) await copyFile(join(NEU_IMAGES, `${name}_${i}.jpg`), join(folders, name, `${name}_${i}.jpg`))
    }

    const refused = loupe('--workspace', ws, 'train', '--json')
    expect(refused.code).toBe(1)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/^loupe: Nothing to train on: no images have a class yet/)

    json('--workspace', ws, 'models', 'add', MOBILENET_DIR)
    expect(json('--workspace', ws, 'import', folders, '--labels', 'folders')).toMatchObject({ added: 48 })
    // No index run first: training embeds the labelled images it needs.
    const trained = json('--workspace', ws, 'train', '--epochs', '60', '--patience', '4') as Record<string, unknown>
    expect(Object.keys(trained)).toEqual(
      expect.arrayContaining(['model', 'epochs', 'trainCount', 'valCount', 'valAccuracy', 'perClass']),
    )
    expect(trained).toMatchObject({ model: 'classifier-1', trainCount: 36, valCount: 12 })
    expect(trained.epochs as number).toBeLessThanOrEqual(60)
    expect(trained.valAccuracy as number).toBeGreaterThanOrEqual(0.75)
    expect(Object.keys(trained.perClass as object).sort()).toEqual(CLASSES)
    expect((trained.perClass as Record<string, object>).crazing).toEqual({
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
      support: 2,
    })

    const inside = join(folders, 'scratches', 'scratches_1.jpg')
    const outside = join(NEU_IMAGES, 'scratches_30.jpg')
    const predicted = json('--workspace', ws, 'predict', inside, outside) as { path: string; label: string; confidence: number }[]
    expect(predicted).toEqual([
      { path: inside, label: expect.any(String), confidence: expect.any(Number) },
      { path: outside, label: expect.any(String), confidence: expect.any(Number) },
    ])
    expect(predicted.every((item) => CLASSES.includes(item.label) && item.confidence > 0 && item.confidence <= 1)).toBe(true)
    expect(predicted[1]!.label).toBe('scratches')
    // Every catalogue image, and only those: the outside file was not added.
    const all = json('--workspace', ws, 'predict') as { path: string; label: string; confidence: number }[]
    expect(all).toHaveLength(48)
    expect(all.some((item) => item.path === outside)).toBe(false)
    expect(all.filter((item) => item.path.includes(`/${'crazing'}/`)).every((item) => item.label === 'crazing')).toBe(true)

    const models = json('--workspace', ws, 'models', 'list') as { kind: string; id: string; active?: boolean }[]
    expect(models.map((model) => [model.kind, model.id])).toEqual([
      ['backbone', 'mobilenet-v2-0.35-224'],
      ['classifier', 'classifier-1'],
    ])
    expect(models[1]).toMatchObject({ active: true, classes: CLASSES, backbone: 'mobilenet-v2-0.35-224' })
  }, 300_000)

  it('pre-labels images with the detector', async () => {
    const ws = await tempDir('loupe-ws-')
    const dir = await tempDir()
    for (const file of ['000000000034.jpg', '000000000036.jpg']) await copyFile(join(COCO_IMAGES, file), join(dir, file))
    json('--workspace', ws, 'import', dir)
    const result = json('--workspace', ws, 'prelabel', '--threshold', '0.5') as { images: number; byLabel: Record<string, number> }
    expect(result).toMatchObject({ images: 2, skipped: 0, backend: expect.stringMatching(/wasm/) })
    expect(result.byLabel).toMatchObject({ zebra: 1, person: 1 })
  }, 120_000)
})
