import { memo, useMemo, type CSSProperties, type ReactNode } from 'react'
import type { Box } from '../../../shared/api/schemas'
import { shapeArea } from '../../../shared/shapes/shape'
import { NO_LABEL_COLOR } from './drawing'
import { t } from '../i18n/t'

interface Props {
  boxes: readonly Box[]
  selectedId: number | null
  colors: ReadonlyMap<string, string>
  hidden: ReadonlySet<string>
  onSelect(box: Box): void
  onDelete(boxId: number): void
  onSetCrowd(boxId: number, crowd: boolean): void
  /** The box whose class picker is open, and the picker; clicking a box's class asks to open it. */
  picking: { boxId: number; picker: ReactNode } | null
  onPickClass(box: Box): void
}

/** The image's boxes in the order they were drawn; click one to select it (and bring it into view). */
export function BoxList({ boxes, selectedId, colors, hidden, onSelect, onDelete, onSetCrowd, picking, onPickClass }: Props) {
  return (
    <section className="panel-section boxes-section" data-testid="box-list" data-count={boxes.length}>
      <header className="panel-heading">
        <h2>{t('annotate.boxes.title')}</h2>
        <span className="panel-count">{boxes.length}</span>
      </header>
      {boxes.length === 0 ? (
        <p className="panel-hint">{t('annotate.boxes.empty')}</p>
      ) : (
        <ul className="box-list">
          {boxes.map((box) => (
            <BoxRow
              key={box.id}
              box={box}
              color={box.label === null ? NO_LABEL_COLOR : (colors.get(box.label) ?? NO_LABEL_COLOR)}
              selected={box.id === selectedId}
              hidden={box.label !== null && hidden.has(box.label)}
              onSelect={onSelect}
              onDelete={onDelete}
              onSetCrowd={onSetCrowd}
              picker={picking?.boxId === box.id ? picking.picker : null}
              onPickClass={onPickClass}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

interface RowProps {
  box: Box
  color: string
  selected: boolean
  hidden: boolean
  onSelect(box: Box): void
  onDelete(boxId: number): void
  onSetCrowd(boxId: number, crowd: boolean): void
  picker: ReactNode
  onPickClass(box: Box): void
}

/** Memoised: an edit re-renders only the rows whose box changed, not all 500. */
const BoxRow = memo(function BoxRow({ box, color, selected, hidden, onSelect, onDelete, onSetCrowd, picker, onPickClass }: RowProps) {
  const round = (value: number) => Math.round(value * 10) / 10
  const kind = useMemo(() => objectKind(box), [box])
  const crowd = box.crowd === true
  return (
    <li
      className={`box-row${selected ? ' is-selected' : ''}${hidden ? ' is-hidden' : ''}`}
      style={{ '--label-color': color } as CSSProperties}
      aria-selected={selected}
      data-testid="box-item"
      data-box-id={box.id}
      data-label={box.label ?? ''}
      data-x={box.x}
      data-y={box.y}
      data-w={box.width}
      data-h={box.height}
      data-selected={selected}
      data-saved={box.id > 0}
      data-kind={kind.kind}
      data-crowd={crowd}
      onClick={() => onSelect(box)}
    >
      <span className="label-swatch" />
      <span className="popover-anchor box-class">
        {/* The click goes on to the row, which selects the box: the picker changes the selected box. */}
        <button
          type="button"
          className={box.label === null ? 'box-name is-unclassed' : 'box-name'}
          title={t('annotate.boxes.changeClass')}
          data-testid="box-class"
          onClick={() => onPickClass(box)}
        >
          {box.label ?? t('annotate.boxes.noClass')}
        </button>
        {picker}
      </span>
      <span className="box-facts">
        {/* A mask's box follows its pixels and cannot be moved or resized: its area says more. */}
        {kind.kind !== 'mask' && (
          <span className="box-geometry" title={`x ${round(box.x)}, y ${round(box.y)}, ${round(box.width)} × ${round(box.height)} px`}>
            {Math.round(box.width)}×{Math.round(box.height)}
            {kind.kind === 'box' && (
              <span className="box-origin">
                @{Math.round(box.x)},{Math.round(box.y)}
              </span>
            )}
          </span>
        )}
        <span className="box-kind" data-testid="box-kind">
          {kind.text}
        </span>
        {crowd && (
          <span className="box-crowd-badge" data-testid="box-crowd-badge">
            {t('annotate.boxes.crowdBadge')}
          </span>
        )}
      </span>
      <button
        type="button"
        className="icon-button box-crowd"
        aria-pressed={crowd}
        aria-label={t('annotate.boxes.crowdToggle')}
        title={t('annotate.boxes.crowdToggleTitle')}
        data-testid="box-crowd"
        onClick={(event) => {
          event.stopPropagation()
          onSetCrowd(box.id, !crowd)
        }}
      >
        ⁂
      </button>
      <button
        type="button"
        className="icon-button box-delete"
        aria-label={t('annotate.boxes.delete')}
        title={t('annotate.boxes.deleteTitle')}
        data-testid="box-delete"
        onClick={(event) => {
          event.stopPropagation()
          onDelete(box.id)
        }}
      >
        ×
      </button>
    </li>
  )
})

/** What an object is, for its row: a box, polygons and their points, or a mask and its pixels. */
function objectKind(box: Box): { kind: 'box' | 'polygons' | 'mask'; text: string } {
  const shape = box.shape
  if (!shape) return { kind: 'box', text: t('annotate.boxes.kindBox') }
  if (shape.kind === 'mask') return { kind: 'mask', text: t('annotate.boxes.kindMask', { area: shapeArea(shape) }) }
  const points = shape.polygons.reduce((sum, polygon) => sum + polygon.length / 2, 0)
  return { kind: 'polygons', text: t('annotate.boxes.kindPolygon', { points }) }
}
