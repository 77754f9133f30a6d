import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import type { ImageAnnotations } from '../../../../src/shared/api/schemas'
import { twoImageWorkspace } from '../../../support/loupe'

let loupe: Loupe
let workspaceDir: string
let imageIds: number[]

beforeEach(async () => {
  ;({ loupe, workspaceDir, imageIds } = await twoImageWorkspace())
})
afterEach(async () => loupe.close())

const api = () => loupe.client.api.annotations

/** What an image carries, in a form two states can be compared by. */
const carried = (state: ImageAnnotations) => ({
  boxes: state.boxes.map((box) => [box.id, box.x]),
  measurements: state.measurements.map((measurement) => [measurement.id, measurement.kind, measurement.points]),
})

describe('measurements on an image', () => {
  it('are added, moved and deleted, and undone and redone in one history with the boxes', async () => {
    const [a] = imageIds as [number]
    const length = await api().addMeasurement({ imageId: a, kind: 'length', points: [{ x: 10, y: 10 }, { x: 110.5, y: 10 }] })
    expect(length.measurements).toEqual([{ id: expect.any(Number), kind: 'length', points: [{ x: 10, y: 10 }, { x: 110.5, y: 10 }] }])
    expect(length.canUndo).toBe(true)
    const lengthId = length.measurements[0]!.id
    const boxed = await api().addBox({ imageId: a, label: 'lesion', x: 50, y: 50, width: 20, height: 20 })
    const angle = await api().addMeasurement({
      imageId: a,
      kind: 'angle',
      points: [{ x: 200, y: 100 }, { x: 150, y: 150 }, { x: 250, y: 150 }],
    })
    const moved = await api().updateMeasurement({ imageId: a, measurementId: lengthId, points: [{ x: 20, y: 30 }, { x: 40, y: 50 }] })
    expect(moved.measurements.find((m) => m.id === lengthId)?.points).toEqual([{ x: 20, y: 30 }, { x: 40, y: 50 }])
    const deleted = await api().deleteMeasurements({ imageId: a, measurementIds: [angle.measurements[1]!.id] })
    expect(deleted.measurements.map((m) => m.kind)).toEqual(['length'])

    // Back through every step, boxes and measurements alike, then forward again to the same states.
    const history = [length, boxed, angle, moved, deleted].map(carried)
    for (let step = history.length - 2; step >= 0; step--) expect(carried(await api().undo({ imageId: a }))).toEqual(history[step])
    const empty = await api().undo({ imageId: a })
    expect(carried(empty)).toEqual({ boxes: [], measurements: [] })
    expect(empty.canUndo).toBe(false)
    for (const state of history) expect(carried(await api().redo({ imageId: a }))).toEqual(state)

    // Saved as they are drawn: a fresh process sees them, and can still undo the last step.
    await loupe.close()
    loupe = await openLoupe({ workspaceDir })
    const reopened = await api().get({ imageId: a })
    expect(carried(reopened)).toEqual(history.at(-1))
    expect(carried(await api().undo({ imageId: a }))).toEqual(history.at(-2))
  })

  it('keep their ids through undo and redo, and an image’s measurements stay its own', async () => {
    const [a, b] = imageIds as [number, number]
    const onA = await api().addMeasurement({ imageId: a, kind: 'ellipse', points: [{ x: 0, y: 0 }, { x: 400, y: 300 }] })
    await api().addMeasurement({ imageId: b, kind: 'rectangle', points: [{ x: 5, y: 5 }, { x: 50, y: 60 }] })
    await api().undo({ imageId: a })
    const redone = await api().redo({ imageId: a })
    expect(redone.measurements).toEqual(onA.measurements)
    expect((await api().get({ imageId: b })).measurements.map((m) => m.kind)).toEqual(['rectangle'])
  })

  it('refuses points of the wrong number, far outside the image, or unknown ids, and loses nothing', async () => {
    const [a] = imageIds as [number]
    const before = await api().addMeasurement({ imageId: a, kind: 'angle', points: [{ x: 1, y: 1 }, { x: 50, y: 50 }, { x: 90, y: 1 }] })
    const angleId = before.measurements[0]!.id
    await expect(api().addMeasurement({ imageId: a, kind: 'length', points: [{ x: 1, y: 1 }, { x: 2, y: 2 }, { x: 3, y: 3 }] })).rejects.toThrow(
      /A length measurement takes 2 points, not 3/,
    )
    // The kind is the stored one: an angle moved with two points is refused.
    await expect(api().updateMeasurement({ imageId: a, measurementId: angleId, points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] })).rejects.toMatchObject({
      code: 'bad_request',
      message: 'An angle measurement takes 3 points, not 2.',
    })
    // A little past the edge is a drag that overshot; far past it is refused, naming the point.
    const overshot = await api().addMeasurement({ imageId: a, kind: 'length', points: [{ x: -5, y: 10 }, { x: 410, y: 310 }] })
    const overshotId = overshot.measurements[1]!.id
    await expect(api().addMeasurement({ imageId: a, kind: 'length', points: [{ x: 10, y: 10 }, { x: 900, y: 10 }] })).rejects.toThrow(
      /Point 2 of the length \(x 900, y 10\) lies outside the 400×300 image/,
    )
    await expect(api().updateMeasurement({ imageId: a, measurementId: 9999, points: [{ x: 1, y: 1 }, { x: 2, y: 2 }] })).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(api().deleteMeasurements({ imageId: a, measurementIds: [angleId, 9999] })).rejects.toThrow(
      /has no measurement 9999; nothing was deleted/,
    )
    const after = await api().get({ imageId: a })
    expect(after.measurements.map((m) => m.id)).toEqual([angleId, overshotId])
    expect(after.measurements[0]).toEqual(before.measurements[0])
    // The refusals left no step behind: one undo takes away the overshot length, the next the angle.
    expect((await api().undo({ imageId: a })).measurements.map((m) => m.id)).toEqual([angleId])
    expect((await api().undo({ imageId: a })).measurements).toEqual([])
  })

  it('go with their image when it is removed from the catalogue', async () => {
    const [a, b] = imageIds as [number, number]
    await api().addMeasurement({ imageId: a, kind: 'length', points: [{ x: 1, y: 1 }, { x: 20, y: 20 }] })
    await api().addMeasurement({ imageId: b, kind: 'length', points: [{ x: 1, y: 1 }, { x: 20, y: 20 }] })
    await loupe.client.api.catalog.removeImages({ imageIds: [a] })
    const rows = loupe.workspace.db.prepare('SELECT image_id FROM measurements').all() as { image_id: number }[]
    expect(rows).toEqual([{ image_id: b }])
  })
})
