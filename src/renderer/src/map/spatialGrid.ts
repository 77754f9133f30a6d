/**
 * The points bucketed into a square grid over their bounds, for finding the one nearest the cursor without looking
 * at all 100k on every mouse move. Built once per set of points (a counting sort: two passes, no per-cell arrays).
 */
export class SpatialGrid {
  private readonly minX: number
  private readonly minY: number
  private readonly cellSize: number
  private readonly columns: number
  private readonly rows: number
  /** Points of cell c are order[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Int32Array
  private readonly order: Int32Array

  constructor(
    private readonly xs: ArrayLike<number>,
    private readonly ys: ArrayLike<number>,
    /** About this many points a cell, where they are spread evenly. */
    pointsPerCell = 4,
  ) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
    for (let i = 0; i < xs.length; i++) {
      minX = Math.min(minX, xs[i]!)
      maxX = Math.max(maxX, xs[i]!)
      minY = Math.min(minY, ys[i]!)
      maxY = Math.max(maxY, ys[i]!)
    }
    if (xs.length === 0) [minX, minY, maxX, maxY] = [0, 0, 1, 1]
    const side = Math.max(maxX - minX, maxY - minY, 1e-9)
    const perSide = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(xs.length / pointsPerCell))))
    this.minX = minX
    this.minY = minY
    this.cellSize = side / perSide
    this.columns = perSide
    this.rows = perSide
    const cellOf = new Int32Array(xs.length)
    const counts = new Int32Array(this.columns * this.rows + 1)
    for (let i = 0; i < xs.length; i++) {
      cellOf[i] = this.cellIndex(this.column(xs[i]!), this.row(ys[i]!))
      counts[cellOf[i]! + 1]!++
    }
    for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!
    this.cellStart = counts
    const next = counts.slice(0, -1)
    this.order = new Int32Array(xs.length)
    for (let i = 0; i < xs.length; i++) this.order[next[cellOf[i]!]!++] = i
  }

  /** The index of the point nearest (x, y) no further than `maxDistance` away, or null when there is none. */
  nearest(x: number, y: number, maxDistance: number): number | null {
    const [fromColumn, toColumn] = [this.column(x - maxDistance), this.column(x + maxDistance)]
    const [fromRow, toRow] = [this.row(y - maxDistance), this.row(y + maxDistance)]
    let best: number | null = null
    let bestSquared = maxDistance * maxDistance
    for (let row = fromRow; row <= toRow; row++) {
      for (let column = fromColumn; column <= toColumn; column++) {
        const cell = this.cellIndex(column, row)
        for (let k = this.cellStart[cell]!; k < this.cellStart[cell + 1]!; k++) {
          const i = this.order[k]!
          const dx = this.xs[i]! - x
          const dy = this.ys[i]! - y
          const squared = dx * dx + dy * dy
          if (squared <= bestSquared) {
            bestSquared = squared
            best = i
          }
        }
      }
    }
    return best
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)))
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)))
  }

  private cellIndex(column: number, row: number): number {
    return row * this.columns + column
  }
}
