import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

let loupe: Loupe
/** Image ids by name: a and b are 320 × 240, small is 100 × 50. */
const ids = new Map<string, number>()

beforeAll(async () => {
  loupe = await freshLoupe()
  const dir = await tempDir()
  await writeJpeg(join(dir, 'a.jpg'), 1)
  await writeJpeg(join(dir, 'b.jpg'), 2)
  await writeJpeg(join(dir, 'small.jpg'), 3, 100, 50)
  await importThroughApi(loupe, [dir])
  for (const item of (await loupe.client.api.catalog.listImages({})).items) ids.set(item.fileName, item.id)
})
afterAll(() => loupe.close())

const triangle = { kind: 'polygons' as const, polygons: [[100, 20, 180, 20, 100, 90]] }

it('sets and clears the crowd flag and the shape as undoable edits, the box staying where the shape was', async () => {
  const api = loupe.client.api.annotations
  const imageId = ids.get('a.jpg')!
  const drawn = (await api.addBox({ imageId, label: 'cat', shape: triangle })).boxes[0]!
  expect(drawn).toMatchObject({ x: 100, y: 20, width: 80, height: 70, shape: triangle })
  expect(drawn.crowd).toBeUndefined()

  const crowd = (await api.updateBox({ imageId, boxId: drawn.id, crowd: true })).boxes[0]!
  expect(crowd).toEqual({ ...drawn, crowd: true })
  const plain = (await api.updateBox({ imageId, boxId: drawn.id, shape: null })).boxes[0]!
  expect(plain).toEqual({ id: drawn.id, label: 'cat', x: 100, y: 20, width: 80, height: 70, crowd: true })
  expect((await api.undo({ imageId })).boxes[0]).toEqual(crowd)
  expect((await api.undo({ imageId })).boxes[0]).toEqual(drawn)
  expect((await api.redo({ imageId })).boxes[0]).toEqual(crowd)
})

it('copies shapes onto an image of the same size, and only the box, clipped, onto one of another size', async () => {
  const api = loupe.client.api.annotations
  const wide = { kind: 'polygons' as const, polygons: [[10, 10, 150, 10, 10, 40]] }
  await api.addBox({ imageId: ids.get('a.jpg')!, label: 'dog', shape: wide })
  const copied = await api.copyBoxes({ imageId: ids.get('b.jpg')!, fromImageId: ids.get('a.jpg')! })
  expect(copied.boxes).toEqual([
    expect.objectContaining({ label: 'cat', x: 100, y: 20, width: 80, height: 70, shape: triangle, crowd: true }),
    expect.objectContaining({ label: 'dog', x: 10, y: 10, width: 140, height: 30, shape: wide }),
  ])
  // On the 100 × 50 image the triangle's box lies beyond the right edge; the other is cut at it and loses its shape.
  const clipped = await api.copyBoxes({ imageId: ids.get('small.jpg')!, fromImageId: ids.get('a.jpg')! })
  expect(clipped.boxes).toEqual([{ id: expect.any(Number), label: 'dog', x: 10, y: 10, width: 90, height: 30 }])
})
