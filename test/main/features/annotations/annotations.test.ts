import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { openLoupe } from '../../../../src/main/app/loupe'
import { twoImageWorkspace } from '../../../support/loupe'

let loupe: Loupe
let workspaceDir: string
let imageIds: number[]

beforeEach(async () => {
  ;({ loupe, workspaceDir, imageIds } = await twoImageWorkspace())
})
afterEach(async () => loupe.close())

describe('annotations', () => {
  it('adds, moves, relabels and deletes boxes, each saved at once', async () => {
    const [a] = imageIds as [number]
    let state = await loupe.client.api.annotations.addBox({ imageId: a, label: 'scratch', x: 10.5, y: 20, width: 30, height: 40 })
    expect(state.boxes).toEqual([{ id: expect.any(Number), label: 'scratch', x: 10.5, y: 20, width: 30, height: 40 }])
    expect(state.status).toBe('in_progress')
    const boxId = state.boxes[0]!.id
    await loupe.client.api.annotations.updateBox({ imageId: a, boxId, x: 100, y: 50 })
    state = await loupe.client.api.annotations.updateBox({ imageId: a, boxId, label: 'dent' })
    expect(state.boxes[0]).toMatchObject({ label: 'dent', x: 100, y: 50, width: 30, height: 40 })

    // Saved means saved: a fresh process sees the same boxes.
    await loupe.close()
    loupe = await openLoupe({ workspaceDir })
    expect((await loupe.client.api.annotations.get({ imageId: a })).boxes).toEqual(state.boxes)

    state = await loupe.client.api.annotations.deleteBoxes({ imageId: a, boxIds: [boxId] })
    expect(state.boxes).toEqual([])
  })

  it('clips boxes to the image and refuses slivers', async () => {
    const [a] = imageIds as [number]
    const state = await loupe.client.api.annotations.addBox({ imageId: a, label: null, x: -10, y: 280, width: 50, height: 100 })
    expect(state.boxes[0]).toMatchObject({ x: 0, y: 280, width: 40, height: 20 })
    await expect(loupe.client.api.annotations.addBox({ imageId: a, label: null, x: 399, y: 0, width: 50, height: 50 })).rejects.toThrow(
      /at least 2×2 pixels/,
    )
    await expect(loupe.client.api.annotations.addBox({ imageId: a, label: null, x: 0, y: 0, width: 0, height: 5 })).rejects.toMatchObject({
      code: 'bad_request',
    })
  })

  it('undoes and redoes per image, across navigation and a restart', async () => {
    const [a, b] = imageIds as [number, number]
    await loupe.client.api.annotations.addBox({ imageId: a, label: 'one', x: 1, y: 1, width: 10, height: 10 })
    const two = await loupe.client.api.annotations.addBox({ imageId: a, label: 'two', x: 20, y: 20, width: 10, height: 10 })
    await loupe.client.api.annotations.addBox({ imageId: b, label: 'elsewhere', x: 5, y: 5, width: 10, height: 10 })
    await loupe.client.api.annotations.updateBox({ imageId: a, boxId: two.boxes[1]!.id, x: 50 })

    await loupe.close()
    loupe = await openLoupe({ workspaceDir })

    let state = await loupe.client.api.annotations.undo({ imageId: a })
    expect(state.boxes.map((box) => box.x)).toEqual([1, 20])
    state = await loupe.client.api.annotations.undo({ imageId: a })
    expect(state.boxes.map((box) => box.label)).toEqual(['one'])
    expect(state.canRedo).toBe(true)
    state = await loupe.client.api.annotations.redo({ imageId: a })
    expect(state.boxes.map((box) => [box.label, box.x])).toEqual([['one', 1], ['two', 20]])
    expect(state.boxes[1]!.id).toBe(two.boxes[1]!.id)
    // Image b's history is its own.
    expect((await loupe.client.api.annotations.get({ imageId: b })).boxes).toHaveLength(1)

    // A new edit after undo drops the redo stack, as in any editor.
    await loupe.client.api.annotations.undo({ imageId: a })
    state = await loupe.client.api.annotations.addBox({ imageId: a, label: 'three', x: 60, y: 60, width: 10, height: 10 })
    expect(state.canRedo).toBe(false)
    expect(state.boxes.map((box) => box.label)).toEqual(['one', 'three'])
    const ids = state.boxes.map((box) => box.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).not.toContain(two.boxes[1]!.id)
  })

  it('copies the previous image boxes, clipped, and undoes the copy in one step', async () => {
    const [a, b] = imageIds as [number, number]
    await loupe.client.api.annotations.addBox({ imageId: a, label: 'car', x: 10, y: 10, width: 50, height: 50 })
    await loupe.client.api.annotations.addBox({ imageId: a, label: 'car', x: 150, y: 90, width: 100, height: 100 })
    await loupe.client.api.annotations.addBox({ imageId: a, label: 'far', x: 300, y: 200, width: 20, height: 20 })
    let state = await loupe.client.api.annotations.copyBoxes({ imageId: b, fromImageId: a })
    expect(state.boxes.map((box) => [box.label, box.x, box.y, box.width, box.height])).toEqual([
      ['car', 10, 10, 50, 50],
      ['car', 150, 90, 50, 10],
    ])
    state = await loupe.client.api.annotations.undo({ imageId: b })
    expect(state.boxes).toEqual([])
  })

  it('sets image-level tags with undo, and the library filters by them', async () => {
    const [a] = imageIds as [number]
    await loupe.client.api.annotations.setTags({ imageId: a, tags: ['defect', 'rust', 'defect'] })
    expect((await loupe.client.api.annotations.get({ imageId: a })).tags).toEqual(['defect', 'rust'])
    expect(loupe.catalog.listImages({ filter: { label: 'rust' }, sort: 'added', descending: false, offset: 0, limit: 9 }).total).toBe(1)
    expect((await loupe.client.api.annotations.undo({ imageId: a })).tags).toEqual([])
  })

  it('manages classes: create with hotkey, rename, merge, delete with their boxes', async () => {
    const [a, b] = imageIds as [number, number]
    const cat = await loupe.client.api.labels.create({ name: 'cat', hotkey: '1' })
    const kitty = await loupe.client.api.labels.create({ name: 'kitty', hotkey: '1' })
    let labels = loupe.catalog.listLabels()
    expect(labels.find((l) => l.id === cat.id)!.hotkey).toBeNull()
    expect(labels.find((l) => l.id === kitty.id)!.hotkey).toBe('1')
    await expect(loupe.client.api.labels.create({ name: 'cat' })).rejects.toMatchObject({ code: 'conflict' })
    await expect(loupe.client.api.labels.update({ id: kitty.id, name: 'cat' })).rejects.toThrow(/merge/)

    await loupe.client.api.annotations.addBox({ imageId: a, label: 'cat', x: 1, y: 1, width: 9, height: 9 })
    await loupe.client.api.annotations.addBox({ imageId: b, label: 'kitty', x: 1, y: 1, width: 9, height: 9 })
    await loupe.client.api.annotations.setTags({ imageId: b, tags: ['kitty'] })
    const merged = await loupe.client.api.labels.merge({ sourceId: kitty.id, targetId: cat.id })
    expect(merged).toMatchObject({ name: 'cat', boxCount: 2, imageCount: 2 })
    expect((await loupe.client.api.annotations.get({ imageId: b })).tags).toEqual(['cat'])

    await loupe.client.api.labels.update({ id: cat.id, name: 'feline', color: '#112233' })
    expect((await loupe.client.api.annotations.get({ imageId: a })).boxes[0]!.label).toBe('feline')
    await loupe.client.api.labels.remove({ id: cat.id })
    expect((await loupe.client.api.annotations.get({ imageId: a })).boxes).toEqual([])
    labels = loupe.catalog.listLabels()
    expect(labels).toEqual([])
    expect(loupe.catalog.stats().boxes).toBe(0)
  })
})
