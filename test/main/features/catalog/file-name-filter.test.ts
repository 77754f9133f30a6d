import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

/** Names where LIKE's wildcards (% and _) and its escape character would match more than they say. */
const NAMES = ['100%_crop.jpg', '100x-crop.jpg', 'a_b.png', 'axb.png', 'back\\slash.jpg', 'Back-Slash.jpg', 'Scratch_7.jpg']

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  const folder = await tempDir('loupe-file-names-')
  for (const [index, name] of NAMES.entries()) await writeJpeg(join(folder, name), index + 1, 16, 16)
  await importThroughApi(loupe, [folder])
})

afterAll(async () => {
  await loupe?.close()
})

async function named(fileName: string, filter: { status?: 'labelled' } = {}): Promise<string[]> {
  const page = await loupe.client.api.catalog.listImages({ filter: { fileName, ...filter }, sort: 'name' })
  expect(page.total).toBe(page.items.length)
  return page.items.map((image) => image.fileName)
}

describe('the file-name filter', () => {
  it('finds a part of the name, ignoring case', async () => {
    expect(await named('SCRATCH')).toEqual(['Scratch_7.jpg'])
    expect(await named('crop')).toEqual(['100%_crop.jpg', '100x-crop.jpg'])
  })

  it('takes % and _ and \\ as the characters they are, not as wildcards', async () => {
    expect(await named('%_')).toEqual(['100%_crop.jpg'])
    expect(await named('a_b')).toEqual(['a_b.png'])
    expect(await named('k\\s')).toEqual(['back\\slash.jpg'])
  })

  it('goes with the other filters, and a name nothing has gives an empty page', async () => {
    expect(await named('crop', { status: 'labelled' })).toEqual([])
    expect(await named('zzz')).toEqual([])
  })

  it('refuses an empty search text with a clear error', async () => {
    await expect(loupe.client.api.catalog.listImages({ filter: { fileName: '' } })).rejects.toThrow(/fileName/)
  })
})
