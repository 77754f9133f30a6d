import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { writeJpeg } from '../../../support/images'
import { runLoupe } from '../../../support/cli'
import { tempDir } from '../../../support/paths'

it('prints a refusal that lists several problems whole, one per line, not just its first line', async () => {
  const images = await tempDir()
  await writeJpeg(join(images, 'a.jpg'), 1)
  await writeJpeg(join(images, 'b.jpg'), 2)
  const coco = join(await tempDir(), 'bad.json')
  await writeFile(
    coco,
    JSON.stringify({
      images: [
        { id: 1, file_name: 'a.jpg', width: 320, height: 240 },
        { id: 2, file_name: 'b.jpg', width: 320, height: 240 },
      ],
      categories: [{ id: 1, name: 'dent' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 7, bbox: [1, 1, 10, 10] },
        { id: 2, image_id: 9, category_id: 1, bbox: [1, 1, 10, 10] },
      ],
    }),
  )
  const workspace = await tempDir('loupe-ws-')
  const run = runLoupe('--workspace', workspace, 'import', images, '--format', 'coco', '--annotations', coco)
  expect(run.code).toBe(1)
  const lines = run.stderr.trimEnd().split('\n')
  expect(lines[0]).toMatch(/^loupe: /)
  // Both bad annotations are named, each on its own (indented) line.
  expect(run.stderr).toMatch(/annotation id 1: unknown category_id 7/)
  expect(run.stderr).toMatch(/annotation id 2: refers to image id 9/)
  expect(lines.length).toBeGreaterThan(2)
})
