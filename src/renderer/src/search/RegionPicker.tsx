import { useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react'
import type { MatchLocation, Region } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { Dialog } from '../ui/Dialog'
import { KnownBoxList, KnownBoxOverlay } from './KnownBoxes'
import { MatchBox } from './MatchBox'
import { boxOf, regionOf, type Drag, type Size } from './region'
import { useImageBoxes } from './useImageBoxes'

/** The picture a region is drawn on: a catalogue image (whose boxes are offered too) or a file from outside. */
export interface PickerImage {
  src: string
  /** Absent for a file from outside the catalogue. */
  imageId?: number
  fileName: string
  /** The image's displayed size where it is known (0 where not): regions are in these pixels. */
  width: number
  height: number
  /** Where the last region search found its region in this image (a hit's match), drawn for reference. */
  match?: MatchLocation
}

interface Props extends PickerImage {
  onPick(region: Region): void
  onClose(): void
}

/** Boxes smaller than this (in screen pixels) are taken as a click, not a region. */
const MIN_DRAG = 4

/**
 * The image zoomed to fill the drawing area (a 200 px image would be fiddly to draw on at 1:1); dragging a
 * rectangle on it, or choosing one of its existing boxes, picks the region to search for.
 */
export function RegionPicker({ src, imageId, fileName, width, height, match, onPick, onClose }: Props) {
  const imgRef = useRef<HTMLImageElement>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [dragging, setDragging] = useState(false)
  const [natural, setNatural] = useState<Size | null>(null)
  const [hovered, setHovered] = useState<number | null>(null)
  const annotated = useImageBoxes(imageId ?? null)
  // The catalogue's size where it is known, else the loaded image's (regions and boxes are in these pixels).
  const full: Size = width > 0 && height > 0 ? { width, height } : (natural ?? { width: 0, height: 0 })
  // Boxes can be cut to the image only once its size is known.
  const boxes = full.width > 0 ? annotated : []

  /** Pointer position within the shown image, in screen pixels, clamped to it. */
  const local = (event: ReactPointerEvent): { x: number; y: number } => {
    const rect = imgRef.current!.getBoundingClientRect()
    return {
      x: Math.min(rect.width, Math.max(0, event.clientX - rect.left)),
      y: Math.min(rect.height, Math.max(0, event.clientY - rect.top)),
    }
  }

  const startDrag = (event: ReactPointerEvent) => {
    const img = imgRef.current!
    const rect = img.getBoundingClientRect()
    const at = local(event)
    setDrag({
      x0: at.x,
      y0: at.y,
      x1: at.x,
      y1: at.y,
      shown: { width: rect.width, height: rect.height },
      full: full.width > 0 ? full : { width: img.naturalWidth, height: img.naturalHeight },
    })
    setDragging(true)
  }

  const box = drag && boxOf(drag)
  const usable = box !== null && box.width >= MIN_DRAG && box.height >= MIN_DRAG
  const region = drag && usable ? regionOf(drag) : null

  return (
    <Dialog
      title={t('search.region.title', { file: fileName })}
      className="region-picker"
      testId="region-picker"
      onClose={onClose}
      footer={
        <>
          <span className="region-readout muted" data-testid="region-readout">
            {region ? t('search.region.readout', { width: region.width, height: region.height, x: region.x, y: region.y }) : t('search.region.hint')}
          </span>
          <button type="button" className="button" onClick={onClose}>
            {t('search.cancel')}
          </button>
          <button type="button" className="button button-primary" disabled={!region} data-testid="region-search" onClick={() => region && onPick(region)}>
            {t('search.region.search')}
          </button>
        </>
      }
    >
      <div className="region-body">
        <div
          className="region-stage"
          data-testid="region-stage"
          onPointerDown={(event) => {
            if (event.button !== 0) return
            event.preventDefault()
            event.currentTarget.setPointerCapture(event.pointerId)
            startDrag(event)
          }}
          onPointerMove={(event) => {
            if (!dragging) return
            const at = local(event)
            setDrag((current) => current && { ...current, x1: at.x, y1: at.y })
          }}
          onPointerUp={() => setDragging(false)}
        >
          <img
            ref={imgRef}
            src={src}
            alt=""
            draggable={false}
            data-testid="region-image"
            // The stylesheet sizes the image from its aspect ratio, so it fills the area whether it is larger or smaller.
            style={full.width > 0 ? ({ '--aspect': full.width / full.height } as CSSProperties) : undefined}
            onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
          />
          <KnownBoxOverlay boxes={boxes} full={full} hovered={hovered} />
          {match && <MatchBox match={match} image={full} fit="fill" />}
          {box && usable && (
            <div className="region-box" data-testid="region-box" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} />
          )}
        </div>
        {imageId !== undefined && <KnownBoxList boxes={boxes} full={full} hovered={hovered} onHover={setHovered} onPick={onPick} />}
      </div>
    </Dialog>
  )
}
