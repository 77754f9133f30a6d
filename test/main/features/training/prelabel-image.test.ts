import { copyFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { PrelabelResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, tempDir } from '../../../support/paths'

const FILES = ['000000000036.jpg', '000000000009.jpg', '000000000025.jpg']
let loupe: Loupe
let folder: string
const idOf = (file: string) =>
  loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 100 }).items.find((image) => image.fileName === file)!.id

beforeAll(async () => {
  loupe = await freshLoupe()
  folder = await tempDir()
  for (const file of FILES) await copyFile(join(COCO_IMAGES, file), join(folder, file))
  await importThroughApi(loupe, [folder])
})
afterAll(async () => loupe?.close())

describe('pre-labelling one image', () => {
  it('runs the detector on that image at once and stores what it finds as its suggestions', async () => {
    const imageId = idOf('000000000036.jpg')
    const found = await loupe.client.api.training.prelabelImage({ imageId })
    // A woman under a parasol: the detector sees the person and the umbrella.
    expect(found.map((suggestion) => suggestion.label)).toEqual(expect.arrayContaining(['person', 'umbrella']))
    expect(found.every((suggestion) => suggestion.score >= 0.3 && suggestion.state === 'pending')).toBe(true)
    expect(await loupe.client.api.training.suggestions({ imageId })).toEqual(found)

    // Again: the pending suggestions are replaced, not doubled; a higher threshold keeps fewer.
    const strict = await loupe.client.api.training.prelabelImage({ imageId, threshold: 0.6 })
    expect(strict.length).toBeLessThanOrEqual(found.length)
    expect(strict.every((suggestion) => suggestion.score >= 0.6)).toBe(true)
    expect(await loupe.client.api.training.suggestions({ imageId })).toEqual(strict)
  })

  it('shares its loaded detector with a pre-label job', async () => {
    const { id } = await loupe.client.api.training.prelabel({ imageIds: [idOf('000000000009.jpg'), idOf('000000000025.jpg')], threshold: 0.3 })
    const job = await loupe.jobs.settled(id)
    expect(job.error).toBeNull()
    expect(job.result as PrelabelResult).toMatchObject({ images: 2, skipped: 0 })
  })

  it('refuses an image it cannot read, in words, and loses no suggestion', async () => {
    const kept = await loupe.client.api.training.suggestions({ imageId: idOf('000000000036.jpg') })
    const giraffes = idOf('000000000025.jpg')
    const before = await loupe.client.api.training.suggestions({ imageId: giraffes })
    await writeFile(join(folder, '000000000025.jpg'), 'no longer a picture')
    await expect(loupe.client.api.training.prelabelImage({ imageId: giraffes })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^000000000025\.jpg could not be read for the detector/),
    })
    expect(await loupe.client.api.training.suggestions({ imageId: giraffes })).toEqual(before)
    expect(await loupe.client.api.training.suggestions({ imageId: idOf('000000000036.jpg') })).toEqual(kept)
    await expect(loupe.client.api.training.prelabelImage({ imageId: 999_999 })).rejects.toMatchObject({ code: 'not_found' })
  })
})
