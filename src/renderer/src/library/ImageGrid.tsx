import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useEffectEvent, useLayoutEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { useClient } from '../client/ClientContext'
import { useElementWidth } from '../ui/useElementWidth'
import { GRID_GAP, GRID_PADDING, gridLayout } from './gridLayout'
import { ImageTile } from './ImageTile'
import { TilePlaceholder } from './TilePlaceholder'
import { useGridKeyboard } from './useGridKeyboard'
import type { Selection } from './useSelection'
import '../ui/thumb.css'
import './grid.css'
import { t } from '../i18n/t'

/** Rows rendered beyond the screen, so tiles and their pages are ready just before they scroll into view. */
const OVERSCAN_ROWS = 4

interface Props {
  cache: ImagePageCache
  selection: Selection
  labelColors: ReadonlyMap<string, string>
  keyboardActive: boolean
  /** Shown instead of tiles when the query has no images. */
  empty: ReactNode
  onOpen(index: number): void
}

/** Virtualised by rows: however many images there are, only the rows on screen (plus overscan) exist in the DOM. */
export function ImageGrid({ cache, selection, labelColors, keyboardActive, empty, onOpen }: Props) {
  const client = useClient()
  const scrollRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(scrollRef)
  const { columns, tileWidth, rowHeight } = gridLayout(width - 2 * GRID_PADDING)
  const total = cache.total ?? 0
  const rowCount = Math.ceil(total / columns)

  // The React Compiler leaves this component alone because TanStack Virtual hands back new functions each render;
  // nothing here relies on memoising them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN_ROWS,
    paddingStart: GRID_PADDING,
    paddingEnd: GRID_PADDING,
  })
  // Rows are all the same height, but that height follows the window width; stale measurements would misplace them.
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight])

  const rows = virtualizer.getVirtualItems()
  const firstRow = rows[0]?.index ?? 0
  const lastRow = rows.at(-1)?.index ?? -1
  const firstIndex = firstRow * columns
  const lastIndex = Math.min(total, (lastRow + 1) * columns) - 1
  useEffect(() => cache.show(firstIndex, lastIndex), [cache, firstIndex, lastIndex])

  // Only a cursor that moved is brought into view: a refresh during an import must not yank the grid back to it.
  const cursor = selection.cursor
  const reveal = useEffectEvent((index: number) => {
    if (index < total) virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' })
  })
  useEffect(() => {
    if (cursor !== null) reveal(cursor)
  }, [cursor])

  const viewportHeight = virtualizer.scrollRect?.height ?? 0
  useGridKeyboard({
    active: keyboardActive,
    total,
    columns,
    rowsPerScreen: Math.max(1, Math.floor(viewportHeight / rowHeight)),
    selection,
    onOpen,
  })

  const onClick = (event: MouseEvent) => {
    const index = tileIndexAt(event)
    if (index === null) return selection.clear()
    const command = event.ctrlKey || event.metaKey
    void selection.select(index, event.shiftKey ? (command ? 'addRange' : 'range') : command ? 'toggle' : 'only')
  }
  const onDoubleClick = (event: MouseEvent) => {
    const index = tileIndexAt(event)
    if (index !== null) onOpen(index)
  }

  const showEmpty = cache.total === 0
  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={t('library.grid.label')}
      aria-multiselectable="true"
      aria-rowcount={rowCount}
      aria-busy={cache.total === null}
      tabIndex={0}
      data-testid="grid"
      data-total={cache.total ?? ''}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      // Shift-click would otherwise select the captions' text.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
    >
      {showEmpty ? (
        empty
      ) : (
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => (
            <div
              key={row.key}
              role="row"
              className="grid-row"
              style={{
                transform: `translateY(${row.start}px)`,
                height: rowHeight - GRID_GAP,
                left: GRID_PADDING,
                gridTemplateColumns: `repeat(${columns}, ${tileWidth}px)`,
                columnGap: GRID_GAP,
              }}
            >
              {indicesOfRow(row.index, columns, total).map((index) => {
                const image = cache.item(index)
                return image ? (
                  <ImageTile
                    key={image.id}
                    image={image}
                    index={index}
                    thumbUrl={client.mediaUrl('thumb', image.id)}
                    selected={selection.ids.has(image.id)}
                    cursor={cursor === index}
                    labelColors={labelColors}
                  />
                ) : (
                  <TilePlaceholder key={`pending-${index}`} />
                )
              })}
            </div>
          ))}
        </div>
      )}
      {cache.total === null && !cache.failedToStart && <div className="grid-message">{t('library.grid.loading')}</div>}
      {cache.failedToStart && (
        <div className="grid-message">
          <p>{t('library.grid.loadFailed')}</p>
          <button type="button" className="button" onClick={() => cache.retry()}>
            {t('library.grid.tryAgain')}
          </button>
        </div>
      )}
    </div>
  )
}

function tileIndexAt(event: MouseEvent): number | null {
  const tile = (event.target as Element).closest<HTMLElement>('[data-index]')
  return tile ? Number(tile.dataset.index) : null
}

function indicesOfRow(row: number, columns: number, total: number): number[] {
  const start = row * columns
  return Array.from({ length: Math.min(columns, total - start) }, (_, i) => start + i)
}
