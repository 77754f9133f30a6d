import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseImageFile } from '../../../../src/main/engines/imaging'
import { CIFAR_MINI, COCO_IMAGES, SHARED_DATA } from '../../../support/paths'

async function imagesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.jpg'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Strict decoding must never cost a real photo: every image of the shared data sets has to pass. */
describe.each([
  ['coco128', COCO_IMAGES, 128],
  ['cifar10-mini', CIFAR_MINI, 300],
  ['neu-det', join(SHARED_DATA, 'neu-det', 'images'), 240],
])('%s', (_, root, count) => {
  it('analyses every image', async () => {
    const paths = await imagesUnder(root)
    expect(paths).toHaveLength(count)
    const failures: string[] = []
    const queue = [...paths]
    // A few at a time, as the import pipeline does.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
          const analysis = await analyseImageFile(path)
          if (!analysis.ok) failures.push(`${path}: ${analysis.reason}`)
          else expect(analysis.thumbnail.length).toBeGreaterThan(0)
        }
      }),
    )
    expect(failures).toEqual([])
  })
})
