import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

/** In the order they are imported, which is neither the natural nor the plain text order. */
const NAMES = ['crazing_10.jpg', 'crazing_2.jpg', 'Crazing_1.jpg', 'crazing_100.jpg', 'crazing_9.jpg']
const NATURAL = ['Crazing_1.jpg', 'crazing_2.jpg', 'crazing_9.jpg', 'crazing_10.jpg', 'crazing_100.jpg']

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  const folder = await tempDir('loupe-names-')
  for (const [index, name] of NAMES.entries()) {
    const path = join(folder, name)
    await writeJpeg(path, index + 1, 32, 24)
    await importThroughApi(loupe, [path])
  }
})

afterAll(async () => {
  await loupe?.close()
})

const names = async (request: { sort: 'name' | 'added'; descending?: boolean; offset?: number; limit?: number }) =>
  (await loupe.client.api.catalog.listImages(request)).items.map((image) => image.fileName)

describe('the catalogue sorted by name', () => {
  it('sorts names naturally, both ways, and pages through that order', async () => {
    expect(await names({ sort: 'name' })).toEqual(NATURAL)
    expect(await names({ sort: 'name', descending: true })).toEqual([...NATURAL].reverse())
    expect([...(await names({ sort: 'name', limit: 2 })), ...(await names({ sort: 'name', offset: 2 }))]).toEqual(NATURAL)
  })

  it('sorts by date added in the order of import', async () => {
    expect(await names({ sort: 'added' })).toEqual(NAMES)
  })

  it('lists labels in natural order', async () => {
    for (const name of ['class 10', 'class 2', 'Class 1']) await loupe.client.api.labels.create({ name })
    const labels = await loupe.client.api.catalog.listLabels({})
    expect(labels.map((label) => label.name)).toEqual(['Class 1', 'class 2', 'class 10'])
  })
})
