import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  const dir = await tempDir()
  await writeJpeg(join(dir, 'a.jpg'), 1)
  await importThroughApi(loupe, [dir])
})
afterAll(() => loupe.close())

it('refuses to copy an image’s boxes onto itself, which would only duplicate them', async () => {
  const [image] = (await loupe.client.api.catalog.listImages({})).items
  await loupe.client.api.annotations.addBox({ imageId: image!.id, label: 'dent', x: 10, y: 10, width: 30, height: 30 })
  await expect(loupe.client.api.annotations.copyBoxes({ imageId: image!.id, fromImageId: image!.id })).rejects.toMatchObject({
    code: 'bad_request',
    message: 'Boxes cannot be copied from an image onto itself.',
  })
  expect((await loupe.client.api.annotations.get({ imageId: image!.id })).boxes).toHaveLength(1)
})
