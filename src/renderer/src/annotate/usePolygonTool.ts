import { useEffect, useLayoutEffect, useMemo, useState } from 'react'
import type { Box } from '../../../shared/api/schemas'
import { isTypingTarget } from '../ui/isTypingTarget'
import type { CanvasTool } from './canvasTool'
import type { Mode } from './mode'
import { drawSelectedPolygons } from './polygonDrawing'
import { PolygonEditTool } from './polygonEditTool'
import type { Polygons } from './polygonGeometry'
import { PolygonTool, type PolygonToolHost } from './polygonTool'
import type { ImageEditing } from './useImageEditing'

interface Options {
  mode: Mode
  imageId: number | null
  imageWidth: number
  imageHeight: number
  editing: ImageEditing
  selectedBox: Box | null
  /** The label a new polygon gets, and its colour. */
  label: string | null
  drawColor: string
  colorOf(label: string | null): string
  /** Selects the object just drawn (see useBoxSelection), so a hotkey right after labels it. */
  selectDrawn(temporaryId: number, saved: Promise<number | null>): void
}

export interface PolygonTools {
  /** The tool for the mode: drawing polygons, editing the selected polygon object's points, or none. */
  tool: CanvasTool | null
  /** Points placed of the polygon being drawn (0 when none is). */
  pointsPlaced: number
}

function polygonsOf(box: Box | null): Polygons | null {
  return box?.shape?.kind === 'polygons' ? box.shape.polygons : null
}

/**
 * The polygon tool (mode 'polygon') and the point editor of a selected polygon object (select mode), with the
 * polygon tool's keys: Enter closes the polygon (Shift+Enter as another part of the selected object), Backspace takes
 * its last point back. They are caught before the workspace's own keys, where Backspace deletes the selected object.
 */
export function usePolygonTool(options: Options): PolygonTools {
  const { mode, imageId, imageWidth, imageHeight, editing, selectedBox, label, drawColor, colorOf, selectDrawn } = options
  const [pointsPlaced, setPointsPlaced] = useState(0)

  const polygonsHere = polygonsOf(selectedBox)
  const host: PolygonToolHost = {
    imageWidth,
    imageHeight,
    color: drawColor,
    selected: selectedBox && polygonsHere && { polygons: polygonsHere, color: colorOf(selectedBox.label) },
    closed(polygon, addPart) {
      if (addPart && selectedBox && polygonsHere) {
        editing.setShape(selectedBox.id, { kind: 'polygons', polygons: [...polygonsHere.map((part) => [...part]), polygon] })
        return
      }
      const { temporaryId, saved } = editing.drawShape({ kind: 'polygons', polygons: [polygon] }, label)
      selectDrawn(temporaryId, saved)
    },
    changed: () => setPointsPlaced(drawing.pointCount),
  }
  // One per image: the points of a polygon half drawn belong to the image they were placed on.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new tool for each image is the point
  const drawing = useMemo(() => new PolygonTool(host), [imageId])
  useLayoutEffect(() => {
    drawing.attach(host)
  })

  useEffect(() => {
    if (mode !== 'polygon') drawing.cancel()
  }, [mode, drawing])

  useEffect(() => {
    if (mode !== 'polygon') return
    const onKeyDown = (event: KeyboardEvent) => {
      if (drawing.pointCount === 0 || isTypingTarget(event.target)) return
      if (event.key === 'Enter') drawing.close(event.shiftKey)
      else if (event.key === 'Backspace') drawing.removeLastPoint()
      else return
      event.preventDefault()
      event.stopImmediatePropagation()
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [mode, drawing])

  // The canvas redraws its overlay when the tool object changes: a fresh face on the same tool whenever what it
  // draws changes outside a pointer event (a key, a new label colour, the selection).
  const drawingTool = useMemo<CanvasTool>(
    () => ({
      press: (input) => drawing.press(input),
      move: (input) => drawing.move(input),
      release: () => drawing.release(),
      cancel: () => drawing.cancel(),
      drawOverlay: (context, view) => drawing.drawOverlay(context, view),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- each of these changes what is drawn
    [drawing, pointsPlaced, drawColor, selectedBox, colorOf],
  )

  const editTool = useMemo(() => {
    const selectedPolygons = polygonsOf(selectedBox)
    if (!selectedBox || !selectedPolygons) return null
    const boxId = selectedBox.id
    return new PolygonEditTool({
      polygons: selectedPolygons,
      color: colorOf(selectedBox.label),
      imageWidth,
      imageHeight,
      reshape: (polygons) => editing.setShape(boxId, { kind: 'polygons', polygons }),
    })
  }, [selectedBox, colorOf, imageWidth, imageHeight, editing])

  // Drawing boxes, the selected polygon object is still shown, without its points to edit.
  const shownOnly = useMemo<CanvasTool | null>(() => {
    const parts = polygonsOf(selectedBox)
    if (!selectedBox || !parts) return null
    const color = colorOf(selectedBox.label)
    return {
      press: () => false,
      move: () => null,
      release: () => {},
      cancel: () => false,
      drawOverlay: (context, view) => drawSelectedPolygons(context, parts, color, view, false),
    }
  }, [selectedBox, colorOf])

  const tool = mode === 'polygon' ? drawingTool : mode === 'select' ? editTool : mode === 'draw' ? shownOnly : null
  // Read from the tool (the state only prompts the render): a new image's tool starts with none.
  return { tool, pointsPlaced: mode === 'polygon' ? drawing.pointCount : 0 }
}
