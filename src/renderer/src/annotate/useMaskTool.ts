import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Box } from '../../../shared/api/schemas'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'
import type { CanvasTool } from './canvasTool'
import type { Point } from './geometry'
import { createMaskTool, type MaskEdit } from './maskTool'
import type { MaskSurfaces } from './maskSurface'
import type { Mode } from './mode'
import type { ImageEditing } from './useImageEditing'
import { useStoredState } from './useStoredState'

/** Brush sizes (diameters, image pixels) that `[` and `]` step through. */
export const BRUSH_SIZES = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256] as const
const DEFAULT_BRUSH_SIZE = 16

export interface MaskToolState {
  /** The brush or the eraser, in those modes; null in the others. */
  tool: CanvasTool | null
  /** The brush's diameter in image pixels (the eraser's too). */
  size: number
  setSize(size: number): void
  /** `]` (1) or `[` (-1): the next size up or down. */
  stepSize(direction: 1 | -1): void
}

/** The mask brush and eraser for the workspace's mode, with the brush size, remembered across sessions. */
export function useMaskTool(options: {
  mode: Mode
  imageWidth: number
  imageHeight: number
  selectedBox: Box | null
  color: string
  label: string | null
  surfaces: MaskSurfaces
  editing: ImageEditing
  select(boxId: number | null): void
  selectDrawn(temporaryId: number, saved: Promise<number | null>): void
}): MaskToolState {
  const { mode, imageWidth, imageHeight, selectedBox, color, label, surfaces, editing, select, selectDrawn } = options
  const { notify } = useToasts()
  const [size, setStoredSize] = useStoredState('loupe.annotate.brushSize', DEFAULT_BRUSH_SIZE)
  // Read and written by the tools only, on pointer events; not React state.
  const [hover] = useState<{ current: Point | null }>(() => ({ current: null }))
  const shape = selectedBox?.shape
  const selected = useMemo(() => (selectedBox && shape?.kind === 'mask' ? { boxId: selectedBox.id, rle: shape.rle } : null), [selectedBox, shape])

  const onEdit = useCallback(
    (edit: MaskEdit) => {
      if (edit.kind === 'add') {
        const { temporaryId, saved } = editing.drawShape({ kind: 'mask', rle: edit.rle }, label)
        // Selected at once, as a drawn box is, so the next stroke adds to it and a hotkey labels it.
        selectDrawn(temporaryId, saved)
      } else if (edit.kind === 'change') {
        editing.setShape(edit.boxId, { kind: 'mask', rle: edit.rle })
      } else {
        editing.remove(edit.boxId)
        select(null)
      }
    },
    [editing, label, select, selectDrawn],
  )

  const painting = mode === 'brush' || mode === 'eraser'
  const tool = useMemo(
    () =>
      painting && imageWidth > 0 && imageHeight > 0
        ? createMaskTool({
            erase: mode === 'eraser',
            radius: size / 2,
            imageWidth,
            imageHeight,
            selected,
            color,
            surfaces,
            hover,
            onNothingToErase: () => notify(t('annotate.notice.selectMaskToErase')),
            onEdit,
          })
        : null,
    [painting, mode, size, imageWidth, imageHeight, selected, color, surfaces, hover, notify, onEdit],
  )

  // The next new mask's surface is made while the brush is idle, not at its first stroke; again after each stroke,
  // which takes the one made before.
  useEffect(() => {
    if (!tool || mode !== 'brush') return
    const idle = requestIdleCallback(() => surfaces.prepare(imageWidth, imageHeight), { timeout: 1000 })
    return () => cancelIdleCallback(idle)
  }, [tool, mode, surfaces, imageWidth, imageHeight])

  const setSize = useCallback((next: number) => setStoredSize(Math.max(BRUSH_SIZES[0], Math.min(BRUSH_SIZES.at(-1)!, Math.round(next)))), [setStoredSize])
  const stepSize = useCallback(
    (direction: 1 | -1) =>
      setStoredSize((current) =>
        direction > 0 ? (BRUSH_SIZES.find((candidate) => candidate > current) ?? current) : (BRUSH_SIZES.findLast((candidate) => candidate < current) ?? current),
      ),
    [setStoredSize],
  )

  return { tool, size, setSize, stepSize }
}
