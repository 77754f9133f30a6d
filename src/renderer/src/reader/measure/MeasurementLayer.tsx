import type Konva from 'konva'
import { useEffect, useEffectEvent, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react'
import { Layer, Shape } from 'react-konva'
import type { Measurement, MeasurementKind, MeasurementPoint as Point } from '../../../../shared/api/schemas'
import { measurementValues } from '../../../../shared/measure/measurement-values'
import { toScreenSpace } from '../../annotate/drawing'
import type { MeasureTool, ViewportSurface } from '../viewportSurface'
import { moveDraft, pressDraft, releaseDraft, type Draft } from './drawingState'
import { drawMeasurement } from './measureDrawing'
import {
  clampToImage,
  measurementAt,
  MIN_DRAG_SCREEN_PX,
  toImage,
  toScreen,
  translated,
  withHandleMoved,
  type MeasurementHit,
} from './measureGeometry'
import { measurementLabel } from './measureLabel'

/** What the reader can ask of the layer from outside: Esc drops a measurement half drawn before anything else. */
export interface MeasurementLayerHandle {
  hasDraft(): boolean
  /** Drops the measurement being drawn. */
  cancelDraft(): void
}

interface Props {
  surface: ViewportSurface
  tool: MeasureTool | null
  /** The slice's measurements, as last stored. */
  measurements: readonly Measurement[]
  selectedId: number | null
  onCreate(kind: MeasurementKind, points: Point[]): void
  onMove(measurementId: number, points: Point[]): void
  onSelect(measurementId: number | null): void
  ref?: Ref<MeasurementLayerHandle>
}

type Gesture =
  | { kind: 'draw' }
  | { kind: 'edit'; hit: MeasurementHit; original: Measurement; start: Point; moved: boolean }
  /** A press the viewport handles (windowing); if it turns out to be a click, it drops the selection. */
  | { kind: 'click-through'; start: Point }

/** The measurement being drawn, with the slice and tool it belongs to. */
interface Drafted {
  imageId: number
  tool: MeasureTool
  draft: Draft
}

/** A measurement dragged elsewhere: drawn there until the slice's measurements change (the edit's new state). */
interface Moved {
  measurementId: number
  points: Point[]
  over: readonly Measurement[]
}

/**
 * The slice's measurements over the image, in one Konva layer of the reader's stage: each with its value label,
 * the selected one with its handles, and the one being drawn with live values.
 *
 * Nothing listens through Konva: presses are taken on the stage's element before the viewport's own handlers
 * (capture phase) and hit-tested here, in screen pixels so reach does not change with the zoom. A press on a
 * measurement's handle or line selects it and drags it; a press elsewhere draws with the chosen tool, or, without
 * one, is left to the viewport. Everything is reported through the callbacks; the layer calls no API.
 */
export function MeasurementLayer({ surface, tool, measurements, selectedId, onCreate, onMove, onSelect, ref }: Props) {
  const layerRef = useRef<Konva.Layer>(null)
  const [drafted, setDrafted] = useState<Drafted | null>(null)
  const [moved, setMoved] = useState<Moved | null>(null)
  const gesture = useRef<Gesture | null>(null)
  /** The stage's element's top-left on the page, measured when a pointer presses or hovers (nothing else moves it). */
  const origin = useRef({ left: 0, top: 0 })

  // A half-drawn measurement belongs to the slice and the tool it was started on.
  const draft = drafted && drafted.imageId === surface.imageId && drafted.tool === tool ? drafted.draft : null
  const setDraft = (next: Draft | null) => setDrafted(next && tool ? { imageId: surface.imageId, tool, draft: next } : null)
  // A move is shown where it was dropped until the measurements it was made on are replaced.
  const shownMoved = moved && moved.over === measurements ? moved : null
  const shown = useMemo(
    () => (shownMoved ? measurements.map((m) => (m.id === shownMoved.measurementId ? { ...m, points: shownMoved.points } : m)) : measurements),
    [measurements, shownMoved],
  )

  useImperativeHandle(ref, () => ({
    hasDraft: () => draft !== null,
    cancelDraft: () => setDrafted(null),
  }))

  const screenPoint = (event: PointerEvent): Point => ({ x: event.clientX - origin.current.left, y: event.clientY - origin.current.top })
  const imagePoint = (screen: Point): Point => clampToImage(toImage(surface.transform, screen), surface.image.width, surface.image.height)
  const dragged = (start: Point, at: Point) => Math.hypot(at.x - start.x, at.y - start.y) >= MIN_DRAG_SCREEN_PX

  /** A left press on the stage: true when the layer takes it (the viewport then never sees it). */
  const onPress = useEffectEvent((event: PointerEvent, container: HTMLElement): boolean => {
    // Other buttons, and Shift (pan), stay the viewport's.
    if (event.button !== 0 || event.shiftKey || gesture.current) return false
    const bounds = container.getBoundingClientRect()
    origin.current = { left: bounds.left, top: bounds.top }
    const at = screenPoint(event)
    const hit = draft ? null : measurementAt(shown, surface.transform, at, selectedId)
    if (!hit && !tool) {
      gesture.current = { kind: 'click-through', start: at }
      return false
    }
    if (hit) {
      const original = shown.find((measurement) => measurement.id === hit.measurementId)
      if (!original) return false
      if (hit.measurementId !== selectedId) onSelect(hit.measurementId)
      gesture.current = { kind: 'edit', hit, original, start: at, moved: false }
      return true
    }
    if (!tool) return false
    setDraft(pressDraft(draft, tool, imagePoint(at)))
    gesture.current = { kind: 'draw' }
    return true
  })

  const onDrag = useEffectEvent((event: PointerEvent) => {
    const at = screenPoint(event)
    const current = gesture.current
    if (current?.kind === 'draw' && draft) setDraft(moveDraft(draft, imagePoint(at)))
    if (current?.kind !== 'edit') return
    if (!current.moved && !dragged(current.start, at)) return
    current.moved = true
    const { hit, original, start } = current
    const { image, transform } = surface
    const points =
      hit.part === 'handle'
        ? withHandleMoved(original.kind, original.points, hit.handle, imagePoint(at))
        : translated(original.points, (at.x - start.x) / transform.scale, (at.y - start.y) / transform.scale, image.width, image.height)
    setMoved({ measurementId: original.id, points, over: measurements })
  })

  const onRelease = useEffectEvent((event: PointerEvent) => {
    const at = screenPoint(event)
    const current = gesture.current
    gesture.current = null
    if (current?.kind === 'click-through') {
      if (!dragged(current.start, at) && selectedId !== null) onSelect(null)
    } else if (current?.kind === 'draw' && draft) {
      const result = releaseDraft(draft, imagePoint(at), MIN_DRAG_SCREEN_PX / surface.transform.scale)
      setDraft(result.draft)
      if (result.finished) onCreate(result.finished.kind, result.finished.points)
      else if (!result.draft && selectedId !== null) onSelect(null)
    } else if (current?.kind === 'edit' && current.moved) {
      const move = shown.find((measurement) => measurement.id === current.original.id)
      if (move) onMove(move.id, move.points)
    }
  })

  // Without a button held: an angle's next arm follows the pointer, and the cursor says what a press would do.
  const onHover = useEffectEvent((event: PointerEvent, container: HTMLElement) => {
    if (gesture.current) return
    const bounds = container.getBoundingClientRect()
    origin.current = { left: bounds.left, top: bounds.top }
    const at = screenPoint(event)
    if (draft) {
      setDraft(moveDraft(draft, imagePoint(at)))
      return
    }
    const hit = measurementAt(shown, surface.transform, at, selectedId)
    container.style.cursor = hit ? 'move' : tool ? 'crosshair' : ''
  })

  useEffect(() => {
    const container = layerRef.current?.getStage()?.container()
    if (!container) return
    const drag = (event: PointerEvent) => onDrag(event)
    const release = (event: PointerEvent) => {
      stopFollowing()
      onRelease(event)
    }
    const stopFollowing = () => {
      window.removeEventListener('pointermove', drag)
      window.removeEventListener('pointerup', release)
      window.removeEventListener('pointercancel', release)
    }
    // Capture phase: the layer sees a press before the viewport's handlers, and takes it from them when it is its.
    const press = (event: PointerEvent) => {
      const taken = onPress(event, container)
      if (taken) {
        event.stopPropagation()
        event.preventDefault()
      }
      if (gesture.current) {
        window.addEventListener('pointermove', drag)
        window.addEventListener('pointerup', release)
        window.addEventListener('pointercancel', release)
      }
    }
    const hover = (event: PointerEvent) => onHover(event, container)
    container.addEventListener('pointerdown', press, true)
    container.addEventListener('pointermove', hover)
    return () => {
      container.removeEventListener('pointerdown', press, true)
      container.removeEventListener('pointermove', hover)
      stopFollowing()
      container.style.cursor = ''
    }
  }, [])

  const { transform } = surface
  // The viewport hands a new surface on every render (a pointer move updates its probe); the values change only with
  // the slice's pixels, spacing and unit, so region statistics are not summed again on every move.
  const { width, height, values, pixelSpacing, units } = surface.image
  const image = useMemo(() => ({ width, height, values, pixelSpacing, units }), [width, height, values, pixelSpacing, units])
  const labels = useMemo(
    () => new Map(shown.map((measurement) => [measurement.id, measurementLabel(measurementValues(measurement.kind, measurement.points, image))])),
    [shown, image],
  )
  // An angle has no value until its second arm is being drawn.
  const draftLabel = !draft || (draft.kind === 'angle' && draft.step === 'first-arm') ? [] : measurementLabel(measurementValues(draft.kind, draft.points, image))

  return (
    <Layer ref={layerRef} listening={false}>
      {shown.map((measurement) => (
        <MeasurementShape
          key={measurement.id}
          // i18n-exempt: a Konva node name tests find the shape by
          name="measurement"
          measurementId={measurement.id}
          kind={measurement.kind}
          points={measurement.points}
          label={labels.get(measurement.id) ?? []}
          active={measurement.id === selectedId}
          transform={transform}
        />
      ))}
      {draft && (
        <MeasurementShape
          // i18n-exempt: a Konva node name tests find the draft by
          name="measurement-draft"
          measurementId={null}
          kind={draft.kind}
          points={draftPoints(draft)}
          label={draftLabel}
          active
          transform={transform}
        />
      )}
    </Layer>
  )
}

/** An angle whose first arm is still being drawn is shown as that arm, with no value yet. */
function draftPoints(draft: Draft): Point[] {
  if (draft.kind === 'angle' && draft.step === 'first-arm') return [draft.points[0], draft.points[1], draft.points[1]]
  return draft.points
}

interface ShapeProps {
  /** 'measurement' or 'measurement-draft': with `measurementId` and `labelText`, how tests find a label on the stage. */
  name: string
  measurementId: number | null
  kind: MeasurementKind
  points: readonly Point[]
  label: readonly string[]
  active: boolean
  transform: ViewportSurface['transform']
}

function MeasurementShape({ name, measurementId, kind, points, label, active, transform }: ShapeProps) {
  const onScreen = points.map((point) => toScreen(transform, point))
  return (
    <Shape
      name={name}
      measurementId={measurementId}
      labelText={label.join('\n')}
      sceneFunc={(context, shape) => {
        toScreenSpace(context, shape)
        const stage = shape.getStage()
        const size = { width: stage?.width() ?? Infinity, height: stage?.height() ?? Infinity }
        drawMeasurement(context, kind, onScreen, { active, label }, size)
      }}
    />
  )
}
