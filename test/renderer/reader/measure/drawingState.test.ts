import { describe, expect, it } from 'vitest'
import { moveDraft, pressDraft, releaseDraft, type Draft } from '../../../../src/renderer/src/reader/measure/drawingState'

const at = (x: number, y: number) => ({ x, y })
const MIN = 2

describe('drawing a measurement', () => {
  it('draws a length with one press, drag and release', () => {
    let draft: Draft = pressDraft(null, 'length', at(10, 10))
    draft = moveDraft(draft, at(20, 10))
    draft = moveDraft(draft, at(40, 10))
    expect(releaseDraft(draft, at(40, 10), MIN)).toEqual({ draft: null, finished: { kind: 'length', points: [at(10, 10), at(40, 10)] } })
  })

  it('drops a region that is only a click', () => {
    const draft = pressDraft(null, 'ellipse', at(10, 10))
    expect(releaseDraft(draft, at(11, 10), MIN)).toEqual({ draft: null, finished: null })
  })

  it('draws an angle by dragging its first arm, then clicking the end of the second, which follows the pointer', () => {
    let draft: Draft = pressDraft(null, 'angle', at(0, 0))
    draft = moveDraft(draft, at(10, 10))
    const afterArm = releaseDraft(draft, at(10, 10), MIN)
    expect(afterArm).toEqual({ draft: { kind: 'angle', step: 'second-arm', points: [at(0, 0), at(10, 10), at(10, 10)] }, finished: null })
    // Moving without a button held swings the second arm.
    draft = moveDraft(afterArm.draft as Draft, at(25, 5))
    expect(draft.points).toEqual([at(0, 0), at(10, 10), at(25, 5)])
    draft = pressDraft(draft, 'angle', at(20, 0))
    expect(releaseDraft(draft, at(20, 0), MIN)).toEqual({ draft: null, finished: { kind: 'angle', points: [at(0, 0), at(10, 10), at(20, 0)] } })
  })

  it('draws an angle with three clicks as well', () => {
    let step = releaseDraft(pressDraft(null, 'angle', at(0, 0)), at(0, 0), MIN)
    expect(step.draft).toEqual({ kind: 'angle', step: 'first-arm', pressed: false, points: [at(0, 0), at(0, 0)] })
    step = releaseDraft(pressDraft(moveDraft(step.draft as Draft, at(10, 10)), 'angle', at(10, 10)), at(10, 10), MIN)
    expect(step.draft).toEqual({ kind: 'angle', step: 'second-arm', points: [at(0, 0), at(10, 10), at(10, 10)] })
    step = releaseDraft(pressDraft(step.draft, 'angle', at(20, 0)), at(20, 0), MIN)
    expect(step.finished).toEqual({ kind: 'angle', points: [at(0, 0), at(10, 10), at(20, 0)] })
  })

  it('waits for a real second arm rather than finishing on a click at the vertex', () => {
    const arm = releaseDraft(pressDraft(null, 'angle', at(0, 0)), at(10, 10), MIN).draft as Draft
    const step = releaseDraft(pressDraft(arm, 'angle', at(10, 11)), at(10, 11), MIN)
    expect(step.finished).toBeNull()
    expect(step.draft).toMatchObject({ kind: 'angle', step: 'second-arm' })
  })
})
