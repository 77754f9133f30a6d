import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loupeJson as json, runLoupe as loupe } from '../../../support/cli'
import { MOBILENET_DIR, SHARED_DATA, tempDir } from '../../../support/paths'

const NEU = join(SHARED_DATA, 'neu-det')

describe('loupe train --labels', () => {
  it('trains on a VOC-imported workspace with no image tags, from the classes of its boxes', async () => {
    const ws = await tempDir('loupe-ws-')
    json('--workspace', ws, 'models', 'add', MOBILENET_DIR)
    json('--workspace', ws, 'import', join(NEU, 'images'), '--format', 'voc', '--annotations', join(NEU, 'annotations'))

    const byTags = loupe('--workspace', ws, 'train', '--labels', 'tags', '--json')
    expect(byTags.code).toBe(1)
    expect(byTags.stderr).toMatch(/^loupe: Nothing to train on: no images have a class yet/)
    const wrong = loupe('--workspace', ws, 'train', '--labels', 'folders', '--json')
    expect(wrong.code).not.toBe(0)
    expect(wrong.stderr).toMatch(/--labels takes one of tags, boxes, tags-then-boxes with train/)

    const trained = json<Record<string, unknown>>('--workspace', ws, 'train', '--epochs', '30', '--patience', '3')
    expect(trained).toMatchObject({ model: 'classifier-1', labels: 'tags-then-boxes' })
    expect(Object.keys(trained.perClass as object)).toHaveLength(6)
    expect(trained.valAccuracy as number).toBeGreaterThanOrEqual(0.8)
  }, 300_000)
})
