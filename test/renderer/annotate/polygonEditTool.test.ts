import { describe, expect, it } from 'vitest'
import type { ToolInput } from '../../../src/renderer/src/annotate/canvasTool'
import { PolygonEditTool } from '../../../src/renderer/src/annotate/polygonEditTool'
import { toScreen, type View } from '../../../src/renderer/src/annotate/view'

const view: View = { scale: 2, x: 0, y: 0 }
const square = [10, 10, 50, 10, 50, 50, 10, 50]
const triangle = [60, 60, 70, 60, 65, 70]

function editor(polygons: number[][]) {
  const edits: number[][][] = []
  const tool = new PolygonEditTool({ polygons, color: '#00ff00', imageWidth: 100, imageHeight: 80, reshape: (next) => edits.push(next) })
  return { tool, edits }
}

function input(point: { x: number; y: number }, options: Partial<ToolInput> = {}): ToolInput {
  return { point, screen: toScreen(view, point), view, shiftKey: false, altKey: false, clicks: 1, ...options }
}

describe('editing a selected polygon', () => {
  it('drags a vertex, as one edit when let go, kept inside the image', () => {
    const { tool, edits } = editor([square])
    expect(tool.press(input({ x: 51, y: 11 }))).toBe(true)
    tool.move(input({ x: 80, y: 30 }), true)
    tool.move(input({ x: 120.456, y: 30.126 }), true)
    expect(edits).toHaveLength(0)
    tool.release()
    expect(edits).toEqual([[[10, 10, 100, 30.13, 50, 50, 10, 50]]])
  })

  it('makes no edit of a press on a vertex that does not move it', () => {
    const { tool, edits } = editor([square])
    tool.press(input({ x: 10, y: 10 }))
    tool.move(input({ x: 10.5, y: 10 }), true)
    tool.release()
    expect(edits).toEqual([])
  })

  it('drags a new vertex out of an edge’s midpoint', () => {
    const { tool, edits } = editor([square])
    expect(tool.press(input({ x: 30, y: 50 }))).toBe(true)
    tool.move(input({ x: 30, y: 70 }), true)
    tool.release()
    expect(edits).toEqual([[[10, 10, 50, 10, 50, 50, 30, 70, 10, 50]]])
  })

  it('removes a vertex on Alt+click or a double-click; a triangle part goes, the last part stays', () => {
    const { tool, edits } = editor([square, triangle])
    tool.press(input({ x: 10, y: 50 }, { altKey: true }))
    tool.release()
    expect(edits).toEqual([[[10, 10, 50, 10, 50, 50], triangle]])
    const second = editor([square, triangle])
    second.tool.press(input({ x: 65, y: 70 }, { clicks: 2 }))
    expect(second.edits).toEqual([[square]])
    const only = editor([triangle])
    expect(only.tool.press(input({ x: 65, y: 70 }, { altKey: true }))).toBe(true)
    expect(only.edits).toEqual([])
  })

  it('declines presses away from its handles, for the canvas to move or select objects', () => {
    const { tool } = editor([square])
    expect(tool.press(input({ x: 30, y: 30 }))).toBe(false)
    expect(tool.move(input({ x: 30, y: 30 }), false)).toBeNull()
    expect(tool.move(input({ x: 10, y: 10 }), false)).toBe('grab')
    expect(tool.move(input({ x: 30, y: 10 }), false)).toBe('copy')
  })

  it('drops a drag on cancel', () => {
    const { tool, edits } = editor([square])
    tool.press(input({ x: 10, y: 10 }))
    tool.move(input({ x: 30, y: 30 }), true)
    expect(tool.cancel()).toBe(true)
    tool.release()
    expect(edits).toEqual([])
    expect(tool.cancel()).toBe(false)
  })
})
