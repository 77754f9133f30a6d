const MIN_TILE_WIDTH = 160
export const GRID_GAP = 12
export const GRID_PADDING = 16
/** File name line plus label chips line under the thumbnail. */
const CAPTION_HEIGHT = 48

export interface GridLayout {
  columns: number
  tileWidth: number
  /** Tile height plus the gap below it: the virtualizer's row size. */
  rowHeight: number
}

/** As many ~160px columns as fit, stretched to fill the width exactly. */
export function gridLayout(contentWidth: number): GridLayout {
  const width = Math.max(MIN_TILE_WIDTH, contentWidth)
  const columns = Math.max(1, Math.floor((width + GRID_GAP) / (MIN_TILE_WIDTH + GRID_GAP)))
  const tileWidth = Math.floor((width - GRID_GAP * (columns - 1)) / columns)
  return { columns, tileWidth, rowHeight: tileWidth + CAPTION_HEIGHT + GRID_GAP }
}
