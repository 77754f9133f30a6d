import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { openLoupe } from '../../../../src/main/app/loupe'
import { MAX_ENTRIES_PER_IMAGE } from '../../../../src/main/features/annotations/history'
import type { ImageAnnotations } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

let loupe: Loupe
let workspaceDir: string
let imageId: number
let otherId: number
/** The same size as imageId, so the same edits give the same boxes. */
let twinId: number

beforeEach(async () => {
  workspaceDir = await tempDir('loupe-ws-')
  loupe = await openLoupe({ workspaceDir })
  const dir = await tempDir()
  await writeJpeg(join(dir, 'a.jpg'), 1, 800, 600)
  await writeJpeg(join(dir, 'b.jpg'), 2, 400, 300)
  await writeJpeg(join(dir, 'c.jpg'), 3, 800, 600)
  await importThroughApi(loupe, [dir])
  ;[imageId, otherId, twinId] = loupe.catalog
    .listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 10 })
    .items.map((item) => item.id) as [number, number, number]
})
afterEach(async () => loupe.close())

const api = () => loupe.client.api.annotations
const rect = (i: number) => ({ x: i % 700, y: Math.floor(i / 7) % 500, width: 10 + (i % 40), height: 12 + (i % 30) })
const addMany = (count: number, target = imageId) =>
  Promise.all(Array.from({ length: count }, (_, i) => api().addBox({ imageId: target, label: `class ${i % 7}`, ...rect(i) })))

describe('concurrent annotation edits', () => {
  it('lands 200 concurrent addBox calls, each with its own reply and its own undo step', async () => {
    let changes = 0
    const off = loupe.events.on('catalog.changed', ({ reason }) => {
      if (reason === 'annotations') changes++
    })
    const replies = await addMany(200)
    off()

    // Each caller sees the image just after its own box: one more box each time, in the order the calls were made.
    expect(replies.map((reply) => reply.boxes.length)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    const added = replies.map((reply, i) => {
      const box = reply.boxes.at(-1)!
      expect(box).toEqual({ id: expect.any(Number), label: `class ${i % 7}`, ...rect(i) })
      return box
    })
    expect(new Set(added.map((box) => box.id)).size).toBe(200)
    expect(replies.every((reply) => reply.canUndo && !reply.canRedo && reply.status === 'in_progress')).toBe(true)
    // Arriving together, they were saved together and announced once.
    expect(changes).toBe(1)

    // The final state is all 200 boxes, also for a fresh process reading the file.
    const final = await api().get({ imageId })
    expect(final.boxes).toEqual([...added].sort((a, b) => a.id - b.id))
    await loupe.close()
    loupe = await openLoupe({ workspaceDir })
    expect((await api().get({ imageId })).boxes).toEqual(final.boxes)

    // Undo takes them back one at a time, newest first, then there is nothing left to undo.
    let state: ImageAnnotations = final
    for (let i = 199; i >= 0; i--) {
      state = await api().undo({ imageId })
      expect(state.boxes).toHaveLength(i)
      expect(state.boxes.some((box) => box.id === added[i]!.id)).toBe(false)
    }
    expect(state.canUndo).toBe(false)
    expect(state.canRedo).toBe(true)
    expect((await api().redo({ imageId })).boxes).toEqual([added[0]])
  })

  it('undoes a burst with a burst of undo, each reply one box fewer', async () => {
    const added = (await addMany(200)).map((reply) => reply.boxes.at(-1)!.id)
    const undone = await Promise.all(Array.from({ length: 200 }, () => api().undo({ imageId })))
    expect(undone.map((reply) => reply.boxes.length)).toEqual(Array.from({ length: 200 }, (_, i) => 199 - i))
    undone.forEach((reply, i) => expect(reply.boxes.map((box) => box.id)).toEqual(added.slice(0, 199 - i)))
    expect(undone.at(-1)).toMatchObject({ boxes: [], canUndo: false, canRedo: true })
    const redone = await Promise.all(Array.from({ length: 3 }, () => api().redo({ imageId })))
    expect(redone.map((reply) => reply.boxes.map((box) => box.id))).toEqual([added.slice(0, 1), added.slice(0, 2), added.slice(0, 3)])
  })

  it('keeps the order of mixed requests made together, across images, and refuses a bad one alone', async () => {
    const first = api().addBox({ imageId, label: 'a', x: 1, y: 1, width: 10, height: 10 })
    const sliver = api().addBox({ imageId, label: 'b', x: 799, y: 0, width: 10, height: 10 })
    const elsewhere = api().addBox({ imageId: otherId, label: 'c', x: 5, y: 5, width: 10, height: 10 })
    const missing = api().deleteBoxes({ imageId, boxIds: [987654] })
    const tagged = api().setTags({ imageId, tags: ['scratched'] })
    const second = api().addBox({ imageId, label: 'd', x: 30, y: 30, width: 10, height: 10 })
    const undo = api().undo({ imageId })
    const seen = api().get({ imageId })
    const outcomes = await Promise.allSettled([first, sliver, elsewhere, missing, tagged, second, undo, seen])

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'bad_request' })
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: 'not_found' })
    const value = (index: number) => (outcomes[index] as PromiseFulfilledResult<ImageAnnotations>).value
    expect(value(0).boxes.map((box) => box.label)).toEqual(['a'])
    expect(value(2).boxes.map((box) => box.label)).toEqual(['c'])
    expect(value(4)).toMatchObject({ tags: ['scratched'] })
    expect(value(5).boxes.map((box) => box.label)).toEqual(['a', 'd'])
    // The undo came after the second box, so that is what it took back; the get after it saw the same.
    expect(value(6).boxes.map((box) => box.label)).toEqual(['a'])
    expect(value(6)).toMatchObject({ tags: ['scratched'], canRedo: true })
    expect(value(7)).toEqual(value(6))
    expect(await api().get({ imageId })).toEqual(value(6))
    expect((await api().get({ imageId: otherId })).boxes.map((box) => box.label)).toEqual(['c'])

    // The refused requests left no undo step: undoing now takes back the tags, then the first box.
    expect((await api().undo({ imageId })).tags).toEqual([])
    expect((await api().undo({ imageId })).boxes).toEqual([])
  })

  it('keeps at most the newest undo steps of an image, also when they arrive in one burst', async () => {
    const count = MAX_ENTRIES_PER_IMAGE + 40
    const added = (await addMany(count)).map((reply) => reply.boxes.at(-1)!.id)
    let state: ImageAnnotations | undefined
    for (let i = 0; i < MAX_ENTRIES_PER_IMAGE; i++) state = await api().undo({ imageId })
    expect(state!.canUndo).toBe(false)
    expect(state!.boxes.map((box) => box.id)).toEqual(added.slice(0, count - MAX_ENTRIES_PER_IMAGE))
    // Nothing more to undo: the reply is the same state.
    expect((await api().undo({ imageId })).boxes).toHaveLength(count - MAX_ENTRIES_PER_IMAGE)
  })

  it('limits undo within one burst as it would one request at a time, and redoes in order after it', async () => {
    const count = MAX_ENTRIES_PER_IMAGE + 40
    const adds = Array.from({ length: count }, (_, i) => api().addBox({ imageId, label: null, ...rect(i) }))
    const undos = Array.from({ length: count }, () => api().undo({ imageId }))
    const replies = await Promise.all([...adds, ...undos])
    const added = replies.slice(0, count).map((reply) => reply.boxes.at(-1)!.id)
    const last = replies.at(-1)!
    expect(last.boxes.map((box) => box.id)).toEqual(added.slice(0, count - MAX_ENTRIES_PER_IMAGE))
    expect(last).toMatchObject({ canUndo: false, canRedo: true })
    const redone = await Promise.all([api().redo({ imageId }), api().redo({ imageId })])
    expect(redone[1].boxes.map((box) => box.id)).toEqual(added.slice(0, count - MAX_ENTRIES_PER_IMAGE + 2))
  })

  it('refuses edits that were waiting when the workspace closed, without saving them', async () => {
    const closing = loupe
    const pending = api().addBox({ imageId, label: 'late', x: 1, y: 1, width: 10, height: 10 })
    closing.workspace.close()
    await expect(pending).rejects.toMatchObject({ code: 'conflict' })
    await closing.close()
    loupe = await openLoupe({ workspaceDir })
    expect((await api().get({ imageId })).boxes).toEqual([])
  })

  it('answers a burst of mixed edits exactly as the same edits one at a time', async () => {
    for (const target of [imageId, twinId]) {
      for (let i = 0; i < 20; i++) await api().addBox({ imageId: target, label: `start ${i % 3}`, ...rect(i * 13) })
    }
    const initial = (target: number) => loupe.annotations.get(target).boxes.map((box) => box.id)
    type Step = (target: number, ids: number[]) => Promise<ImageAnnotations>
    const steps: Step[] = []
    for (let i = 0; i < 60; i++) {
      const pick = (ids: number[]) => ids[(i * 7) % ids.length]!
      const kind = i % 8
      if (kind === 0 || kind === 5) steps.push((target) => api().addBox({ imageId: target, label: i % 2 ? null : `new ${i}`, ...rect(i * 5) }))
      if (kind === 1) steps.push((target, ids) => api().updateBox({ imageId: target, boxId: pick(ids), x: 700 + i, label: `moved ${i}` }))
      if (kind === 2) steps.push((target, ids) => api().deleteBoxes({ imageId: target, boxIds: [ids[i % 20]!] }))
      if (kind === 3 || kind === 6) steps.push((target) => api().undo({ imageId: target }))
      if (kind === 4) steps.push((target) => api().redo({ imageId: target }))
      if (kind === 7) steps.push((target) => api().setTags({ imageId: target, tags: [`tag ${i % 3}`, 'both'] }))
    }
    // Each image's boxes by creation order rather than id, so the two images compare; the ids of the starting boxes
    // are what the steps refer to (a deleted one may be undeleted by undo, keeping its id).
    const normalise = (target: number, replies: PromiseSettledResult<ImageAnnotations>[]) => {
      const ids = new Set<number>()
      for (const reply of replies) if (reply.status === 'fulfilled') reply.value.boxes.forEach((box) => ids.add(box.id))
      const rank = new Map([...ids].sort((a, b) => a - b).map((id, index) => [id, index]))
      return replies.map((reply) =>
        reply.status === 'rejected'
          ? { refused: (reply.reason as { code: string }).code }
          : { ...reply.value, imageId: 0, boxes: reply.value.boxes.map((box) => ({ ...box, id: rank.get(box.id) })) },
      )
    }
    const twinIds = initial(twinId)
    const oneAtATime: PromiseSettledResult<ImageAnnotations>[] = []
    for (const step of steps) oneAtATime.push(...(await Promise.allSettled([step(twinId, twinIds)])))
    const ids = initial(imageId)
    const together = await Promise.allSettled(steps.map((step) => step(imageId, ids)))

    expect(normalise(imageId, together)).toEqual(normalise(twinId, oneAtATime))
    expect(together.some((reply) => reply.status === 'rejected')).toBe(true)
    const last = together.findLast((reply) => reply.status === 'fulfilled') as PromiseFulfilledResult<ImageAnnotations>
    expect(loupe.annotations.get(imageId)).toEqual(last.value)
  })
})
