import { describe, expect, it } from 'vitest'
import type { ToolInput } from '../../../src/renderer/src/annotate/canvasTool'
import { MaskSurfaces } from '../../../src/renderer/src/annotate/maskSurface'
import { createMaskTool, type MaskEdit, type MaskToolOptions } from '../../../src/renderer/src/annotate/maskTool'
import { bitmapFromRle, rleFromBitmap } from '../../../src/shared/shapes/bitmap'
import { rleArea } from '../../../src/shared/shapes/rle'

const WIDTH = 60
const HEIGHT = 40
const view = { scale: 1, x: 0, y: 0 }
const input = (x: number, y: number): ToolInput => ({ point: { x, y }, screen: { x, y }, view, shiftKey: false, altKey: false, clicks: 1 })

/** A tool with its edits and notices collected; `selected` as a row-major bitmap. */
function tool(options: { erase?: boolean; radius?: number; selected?: Uint8Array; surfaces?: MaskSurfaces }) {
  const edits: MaskEdit[] = []
  let nothingToErase = 0
  const selectedRle = options.selected ? rleFromBitmap(options.selected, WIDTH, HEIGHT) : null
  const config: MaskToolOptions = {
    erase: options.erase ?? false,
    radius: options.radius ?? 3,
    imageWidth: WIDTH,
    imageHeight: HEIGHT,
    selected: selectedRle ? { boxId: 7, rle: selectedRle } : null,
    color: '#ff8800',
    surfaces: options.surfaces ?? new MaskSurfaces(),
    hover: { current: null },
    onNothingToErase: () => nothingToErase++,
    onEdit: (edit) => edits.push(edit),
  }
  return { tool: createMaskTool(config), edits, nothingToErase: () => nothingToErase }
}

/** A stroke through `points`, pressed at the first and released at the last. */
function stroke(canvasTool: ReturnType<typeof tool>['tool'], points: [number, number][]) {
  const [first, ...rest] = points
  expect(canvasTool.press(input(...first!))).toBe(true)
  for (const point of rest) canvasTool.move(input(...point), true)
  canvasTool.release(input(...(points.at(-1) ?? first!)))
}

const band = (fromX: number, toX: number, y: number, half: number) => {
  const bitmap = new Uint8Array(WIDTH * HEIGHT)
  for (let row = y - half; row < y + half; row++) for (let x = fromX; x < toX; x++) bitmap[row * WIDTH + x] = 1
  return bitmap
}

describe('the mask brush and eraser, one edit per stroke', () => {
  it('paints a new mask object with nothing selected, continuous between far-apart moves', () => {
    const brush = tool({})
    stroke(brush.tool, [[5, 10], [50, 10]])
    expect(brush.edits).toHaveLength(1)
    const edit = brush.edits[0]!
    if (edit.kind !== 'add') throw new Error(`expected a new mask, got ${edit.kind}`)
    const pixels = bitmapFromRle(edit.rle)
    for (let x = 5; x < 50; x++) expect(pixels[10 * WIDTH + x]).toBe(1)
    expect(Math.abs(rleArea(edit.rle) - (45 * 6 + Math.PI * 9))).toBeLessThan(2 * 45)
  })

  it('adds to the selected mask, keeping its pixels', () => {
    const selected = band(0, 20, 30, 2)
    const brush = tool({ selected })
    stroke(brush.tool, [[30, 10], [40, 10]])
    const edit = brush.edits[0]!
    if (edit.kind !== 'change') throw new Error(`expected a change, got ${edit.kind}`)
    expect(edit.boxId).toBe(7)
    const pixels = bitmapFromRle(edit.rle)
    expect(pixels[30 * WIDTH + 10]).toBe(1)
    expect(pixels[10 * WIDTH + 35]).toBe(1)
  })

  it('erases from the selected mask, sends nothing when it took no pixel, and deletes the object when it took the last', () => {
    const selected = band(10, 30, 20, 2)
    const partly = tool({ erase: true, selected })
    stroke(partly.tool, [[20, 10], [20, 30]])
    const edit = partly.edits[0]!
    if (edit.kind !== 'change') throw new Error(`expected a change, got ${edit.kind}`)
    expect(bitmapFromRle(edit.rle)[20 * WIDTH + 20]).toBe(0)
    expect(bitmapFromRle(edit.rle)[20 * WIDTH + 12]).toBe(1)

    const missed = tool({ erase: true, selected })
    stroke(missed.tool, [[50, 5], [55, 5]])
    expect(missed.edits).toEqual([])

    const wholly = tool({ erase: true, selected, radius: 6 })
    stroke(wholly.tool, [[5, 20], [35, 20]])
    expect(wholly.edits).toEqual([{ kind: 'delete', boxId: 7 }])
  })

  it('says so when the eraser has no mask to take from, and takes the press so no box is drawn', () => {
    const eraser = tool({ erase: true })
    stroke(eraser.tool, [[5, 5], [20, 5]])
    expect(eraser.nothingToErase()).toBe(1)
    expect(eraser.edits).toEqual([])
  })

  it('puts the selected mask back on Esc, and a stroke off the image adds nothing', () => {
    const selected = band(10, 30, 20, 2)
    const surfaces = new MaskSurfaces()
    const eraser = tool({ erase: true, selected, surfaces })
    eraser.tool.press(input(20, 20))
    eraser.tool.move(input(25, 20), true)
    expect(eraser.tool.cancel()).toBe(true)
    expect(eraser.tool.cancel()).toBe(false)
    expect(surfaces.get(rleFromBitmap(selected, WIDTH, HEIGHT)).bitmap).toEqual(selected)
    expect(eraser.edits).toEqual([])

    const brush = tool({})
    stroke(brush.tool, [[-20, -20], [-10, -20]])
    expect(brush.edits).toEqual([])
  })
})
