import { describe, expect, it } from 'vitest'
import type { ToolInput } from '../../../src/renderer/src/annotate/canvasTool'
import { draftPress, PolygonTool, type PolygonToolHost } from '../../../src/renderer/src/annotate/polygonTool'
import { toImage, type View } from '../../../src/renderer/src/annotate/view'

const view: View = { scale: 2, x: 10, y: 20 }

function host(): PolygonToolHost & { polygons: { polygon: number[]; addPart: boolean }[] } {
  const polygons: { polygon: number[]; addPart: boolean }[] = []
  return { imageWidth: 100, imageHeight: 80, color: '#ff0000', selected: null, polygons, closed: (polygon, addPart) => polygons.push({ polygon, addPart }), changed: () => {} }
}

function click(tool: PolygonTool, screen: { x: number; y: number }, options: Partial<ToolInput> = {}): boolean {
  const input: ToolInput = { point: toImage(view, screen), screen, view, shiftKey: false, altKey: false, clicks: 1, ...options }
  const taken = tool.press(input)
  tool.release()
  return taken
}

describe('closing rules', () => {
  const three = [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
    { x: 100, y: 100 },
  ]

  it('closes on the first point once there are three points, and only near it', () => {
    expect(draftPress(three, { x: 5, y: 5 }, 1)).toBe('close')
    expect(draftPress(three, { x: 9, y: 9 }, 1)).toBe('add')
    expect(draftPress(three.slice(0, 2), { x: 1, y: 1 }, 1)).toBe('add')
  })

  it('closes on a double-click, whose first click placed the last point', () => {
    expect(draftPress(three, { x: 100, y: 100 }, 2)).toBe('close')
    expect(draftPress(three.slice(0, 2), { x: 100, y: 0 }, 2)).toBe('ignore')
  })

  it('places no second point on the last one', () => {
    expect(draftPress(three, { x: 101, y: 101 }, 1)).toBe('ignore')
    expect(draftPress([], { x: 0, y: 0 }, 1)).toBe('add')
  })
})

describe('the polygon tool', () => {
  it('places points in image pixels, clamped and rounded, and closes on the first point', () => {
    const workspace = host()
    const tool = new PolygonTool(workspace)
    expect(click(tool, { x: 30.123, y: 40 })).toBe(true)
    click(tool, { x: 1000, y: 40 })
    click(tool, { x: 1000, y: 1000 })
    expect(tool.pointCount).toBe(3)
    click(tool, { x: 33, y: 43 })
    expect(workspace.polygons).toEqual([{ polygon: [10.06, 10, 100, 10, 100, 80], addPart: false }])
    expect(tool.pointCount).toBe(0)
  })

  it('closes with Enter only from three points; Backspace takes points back; cancel drops them', () => {
    const workspace = host()
    const tool = new PolygonTool(workspace)
    click(tool, { x: 20, y: 30 })
    click(tool, { x: 60, y: 30 })
    expect(tool.close(false)).toBe(false)
    click(tool, { x: 60, y: 70 })
    click(tool, { x: 90, y: 90 })
    expect(tool.removeLastPoint()).toBe(true)
    expect(tool.close(true)).toBe(true)
    expect(workspace.polygons).toEqual([{ polygon: [5, 5, 25, 5, 25, 25], addPart: true }])
    click(tool, { x: 20, y: 30 })
    expect(tool.cancel()).toBe(true)
    expect(tool.cancel()).toBe(false)
    expect(tool.removeLastPoint()).toBe(false)
    expect(workspace.polygons).toHaveLength(1)
  })

  it('closes on a double-click with Shift as another part', () => {
    const workspace = host()
    const tool = new PolygonTool(workspace)
    click(tool, { x: 20, y: 30 })
    click(tool, { x: 60, y: 30 })
    click(tool, { x: 60, y: 70 })
    click(tool, { x: 60, y: 70 }, { clicks: 2, shiftKey: true })
    expect(workspace.polygons).toEqual([{ polygon: [5, 5, 25, 5, 25, 25], addPart: true }])
  })
})
