import { describe, expect, it } from 'vitest'
import { placeInFrame } from '../../../src/renderer/src/search/matchBox'

describe('placeInFrame', () => {
  it('places a box over the picture itself when the frame is the picture', () => {
    expect(placeInFrame({ x: 160, y: 120, width: 320, height: 240 }, { width: 640, height: 480 }, 'fill')).toEqual({ left: 25, top: 25, width: 50, height: 50 })
  })

  it('leaves out the letterbox of a wide picture fitted in a square tile', () => {
    // 640 × 480 in a square: the picture fills the width and 75% of the height, from 12.5% down.
    const place = placeInFrame({ x: 0, y: 0, width: 640, height: 480 }, { width: 640, height: 480 }, 'contain')
    expect(place).toEqual({ left: 0, top: 12.5, width: 100, height: 75 })
    const corner = placeInFrame({ x: 320, y: 240, width: 320, height: 240 }, { width: 640, height: 480 }, 'contain')
    expect(corner).toEqual({ left: 50, top: 50, width: 50, height: 37.5 })
  })

  it('and the pillarbox of a tall one', () => {
    const place = placeInFrame({ x: 0, y: 100, width: 100, height: 100 }, { width: 200, height: 400 }, 'contain')
    expect(place).toEqual({ left: 25, top: 25, width: 25, height: 25 })
  })
})
