import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react'
import type { Region } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'

interface Props {
  imageId: number
  fileName: string
  /** The image's displayed size as the catalogue knows it: regions are in these pixels. */
  width: number
  height: number
  onPick(region: Region): void
  onClose(): void
}

interface Drag {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** Boxes smaller than this (in screen pixels) are taken as a click, not a region. */
const MIN_DRAG = 4

/** The image shown large; dragging a rectangle on it picks the region to search for. */
export function RegionPicker({ imageId, fileName, width, height, onPick, onClose }: Props) {
  const client = useClient()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const imgRef = useRef<HTMLImageElement>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])

  /** Pointer position within the shown image, in screen pixels, clamped to it. */
  const local = (event: ReactPointerEvent): { x: number; y: number } => {
    const rect = imgRef.current!.getBoundingClientRect()
    return {
      x: Math.min(rect.width, Math.max(0, event.clientX - rect.left)),
      y: Math.min(rect.height, Math.max(0, event.clientY - rect.top)),
    }
  }

  const box = drag && {
    left: Math.min(drag.x0, drag.x1),
    top: Math.min(drag.y0, drag.y1),
    width: Math.abs(drag.x1 - drag.x0),
    height: Math.abs(drag.y1 - drag.y0),
  }
  const usable = box !== null && box.width >= MIN_DRAG && box.height >= MIN_DRAG

  const regionOf = (): Region | null => {
    const img = imgRef.current
    if (!img || !box || !usable) return null
    const rect = img.getBoundingClientRect()
    // Screen → image pixels: the catalogue's size where it is known, else the loaded image's own.
    const fullWidth = width > 0 ? width : img.naturalWidth
    const fullHeight = height > 0 ? height : img.naturalHeight
    const sx = fullWidth / rect.width
    const sy = fullHeight / rect.height
    const x = Math.round(box.left * sx)
    const y = Math.round(box.top * sy)
    return {
      x,
      y,
      width: Math.max(1, Math.min(fullWidth - x, Math.round(box.width * sx))),
      height: Math.max(1, Math.min(fullHeight - y, Math.round(box.height * sy))),
    }
  }

  const region = regionOf()

  return (
    <dialog
      ref={dialogRef}
      className="dialog region-picker"
      aria-label="Search for a region"
      data-testid="region-picker"
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <header className="dialog-header">
        <h2>Search for a region of {fileName}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="region-body">
        <div
          className="region-stage"
          data-testid="region-stage"
          onPointerDown={(event) => {
            if (event.button !== 0) return
            event.preventDefault()
            event.currentTarget.setPointerCapture(event.pointerId)
            const at = local(event)
            setDrag({ x0: at.x, y0: at.y, x1: at.x, y1: at.y })
            setDragging(true)
          }}
          onPointerMove={(event) => {
            if (!dragging) return
            const at = local(event)
            setDrag((current) => current && { ...current, x1: at.x, y1: at.y })
          }}
          onPointerUp={() => setDragging(false)}
        >
          <img ref={imgRef} src={client.mediaUrl('image', imageId)} alt="" draggable={false} data-testid="region-image" />
          {box && usable && (
            <div className="region-box" data-testid="region-box" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} />
          )}
        </div>
      </div>
      <footer className="dialog-footer">
        <span className="region-readout muted" data-testid="region-readout">
          {region ? `${region.width} × ${region.height} px at ${region.x}, ${region.y}` : 'Drag a rectangle around what to look for.'}
        </span>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={!region} data-testid="region-search" onClick={() => region && onPick(region)}>
          Search this region
        </button>
      </footer>
    </dialog>
  )
}
