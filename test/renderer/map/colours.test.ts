import { describe, expect, it } from 'vitest'
import { categoryColours, colourPoints, MISSING_COLOUR, parseHex, rampColour } from '../../../src/renderer/src/map/colours'

describe('map colours', () => {
  it('runs the ramp from its first stop to its last, clamping outside [0, 1]', () => {
    expect(rampColour(0)).toEqual([68, 1, 84])
    expect(rampColour(1)).toEqual([253, 231, 37])
    expect(rampColour(-5)).toEqual(rampColour(0))
    expect(rampColour(7)).toEqual(rampColour(1))
    expect(rampColour(Number.NaN)).toEqual(rampColour(0))
  })

  it('gets lighter along the ramp, so low and high read apart in grey too', () => {
    const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    const steps = Array.from({ length: 11 }, (_, i) => luminance(rampColour(i / 10)))
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!)
  })

  it("gives a category its label's colour where it has one, else the palette's, never grey", () => {
    expect(parseHex('#0f0')).toEqual([0, 255, 0])
    expect(parseHex('#12ab34')).toEqual([0x12, 0xab, 0x34])
    expect(parseHex('red')).toBeNull()
    const colours = categoryColours(['a', 'b', 'c'], ['', '#ff0000', ''])
    expect(colours[1]).toEqual([255, 0, 0])
    expect(colours[0]).not.toEqual(colours[2])
    for (const colour of colours) expect(colour).not.toEqual(MISSING_COLOUR)
  })

  it('colours categories with counts, and images without a value grey', () => {
    const { rgb, legend } = colourPoints({ modelId: 'm', by: 'class', imageIds: [1, 2, 3], values: [1, null, 1], categories: ['cat', 'dog'], categoryColours: ['', '#0000ff'], source: null })
    expect([...rgb.slice(0, 3)]).toEqual([0, 0, 255])
    expect([...rgb.slice(3, 6)]).toEqual([...MISSING_COLOUR])
    expect(legend).toEqual({ kind: 'categories', entries: [{ name: 'dog', colour: [0, 0, 255], count: 2 }], missing: 1 })
  })

  it('spreads continuous values over the ramp between their lowest and highest', () => {
    const { rgb, legend } = colourPoints({ modelId: 'm', by: 'anomaly', imageIds: [1, 2, 3], values: [2, 4, null], source: 'parts v1' })
    expect([...rgb.slice(0, 3)]).toEqual([...rampColour(0)])
    expect([...rgb.slice(3, 6)]).toEqual([...rampColour(1)])
    expect(legend).toEqual({ kind: 'ramp', range: { min: 2, max: 4 }, missing: 1 })
    expect(colourPoints({ modelId: 'm', by: 'anomaly', imageIds: [1], values: [null], source: null }).legend).toEqual({ kind: 'ramp', range: null, missing: 1 })
  })
})
