import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { ImageFilter } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

const NAMES = ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']

let loupe: Loupe
let idOf: Map<string, number>

beforeAll(async () => {
  loupe = await freshLoupe()
  const folder = await tempDir('loupe-image-ids-')
  for (const [index, name] of NAMES.entries()) await writeJpeg(join(folder, name), index + 1, 32, 24)
  await importThroughApi(loupe, [folder])
  const page = await loupe.client.api.catalog.listImages({})
  idOf = new Map(page.items.map((image) => [image.fileName, image.id]))
})

afterAll(async () => {
  await loupe?.close()
})

const listed = async (filter: ImageFilter) => {
  const page = await loupe.client.api.catalog.listImages({ filter, sort: 'name' })
  return { total: page.total, names: page.items.map((image) => image.fileName) }
}
const ids = (...names: string[]) => names.map((name) => idOf.get(name)!)

describe('the library filtered to a list of images (a search shown in the library)', () => {
  it('lists exactly those images, in the order asked for, and counts them', async () => {
    expect(await listed({ imageIds: ids('d.jpg', 'b.jpg') })).toEqual({ total: 2, names: ['b.jpg', 'd.jpg'] })
  })

  it('combines with the other facets', async () => {
    await loupe.client.api.catalog.setStatus({ imageIds: ids('b.jpg', 'c.jpg'), status: 'reviewed' })
    await loupe.client.api.catalog.labelImages({ imageIds: ids('c.jpg', 'e.jpg'), label: 'scratch' })
    const shown = ids('a.jpg', 'b.jpg', 'c.jpg')
    expect(await listed({ imageIds: shown, status: 'reviewed' })).toEqual({ total: 2, names: ['b.jpg', 'c.jpg'] })
    expect(await listed({ imageIds: shown, label: 'scratch' })).toEqual({ total: 1, names: ['c.jpg'] })
  })

  it('leaves out ids that are not in the catalogue (images removed since the search)', async () => {
    expect(await listed({ imageIds: [...ids('a.jpg'), 999_999] })).toEqual({ total: 1, names: ['a.jpg'] })
  })

  it('refuses an empty or malformed list with a clear error, and changes nothing', async () => {
    for (const imageIds of [[], [1.5], [-3]]) {
      await expect(loupe.client.api.catalog.listImages({ filter: { imageIds } })).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringContaining('imageIds'),
      })
    }
    expect((await listed({})).total).toBe(NAMES.length)
  })
})
