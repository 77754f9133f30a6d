import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { ApiError } from '../../../../src/shared/api/errors'
import { PREVIEW_SIZE } from '../../../../src/shared/api/schemas'
import { freshLoupe } from '../../../support/loupe'
import { COCO_IMAGES, tempDir } from '../../../support/paths'

/** A typed path is shown before it is searched by: a preview with the picture's size, or why it cannot be shown. */

let loupe: Loupe
let dir: string

beforeAll(async () => {
  loupe = await freshLoupe()
  dir = await tempDir()
})

afterAll(async () => loupe?.close())

const preview = (path: string) => loupe.client.api.files.preview({ path })
const refusal = (path: string) => preview(path).then(() => null, (error: unknown) => error)

describe('files.preview', () => {
  it('gives a photo\'s size and a WebP no larger than the preview size', async () => {
    const path = join(COCO_IMAGES, '000000000009.jpg')
    const shown = await preview(path)
    expect(shown).toMatchObject({ path, width: 640, height: 480 })
    const picture = await sharp(Buffer.from(shown.webpBase64, 'base64')).metadata()
    expect([picture.format, picture.width, picture.height]).toEqual(['webp', 640, 480])
  })

  it('gives the size as displayed for a photo turned by its EXIF orientation, and shrinks a large one', async () => {
    const path = join(dir, 'turned.jpg')
    // Stored 3000 wide and 1000 high; orientation 6 shows it turned a quarter, 1000 wide and 3000 high.
    await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#3a6' } }).jpeg().withMetadata({ orientation: 6 }).toFile(path)
    const shown = await preview(path)
    expect([shown.width, shown.height]).toEqual([1000, 3000])
    const picture = await sharp(Buffer.from(shown.webpBase64, 'base64')).metadata()
    expect([picture.width, picture.height]).toEqual([Math.round((1000 * PREVIEW_SIZE) / 3000), PREVIEW_SIZE])
  })

  it('refuses what is not a readable image with the reason, and a relative path', async () => {
    await writeFile(join(dir, 'notes.txt'), 'these are notes, not a picture')
    const truncated = await sharp(join(COCO_IMAGES, '000000000009.jpg')).toBuffer()
    await writeFile(join(dir, 'cut.jpg'), truncated.subarray(0, truncated.length / 2))
    const cases: [string, string][] = [
      [join(dir, 'notes.txt'), `Cannot show ${join(dir, 'notes.txt')}: not an image (looks like text).`],
      [join(dir, 'cut.jpg'), 'truncated or corrupt JPEG file'],
      [join(dir, 'missing.jpg'), `Cannot show ${join(dir, 'missing.jpg')}: cannot read file: file not found.`],
      [dir, `Cannot show ${dir}: cannot read file: it is a directory.`],
      ['photos/cat.jpg', 'The image path must be an absolute path, not "photos/cat.jpg".'],
    ]
    for (const [path, words] of cases) {
      const error = await refusal(path)
      expect(error, path).toBeInstanceOf(ApiError)
      expect((error as ApiError).code).toBe('bad_request')
      expect((error as ApiError).message).toContain(words)
    }
  })
})
