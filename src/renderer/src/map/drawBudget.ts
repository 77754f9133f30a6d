/**
 * How many points a frame may draw while the view moves, learnt from how long frames take. A software rasteriser
 * (SwiftShader on a machine without a GPU, a VM, a remote desktop) needs ~60 ms for 100k points, so a pan would run
 * at 15 frames a second; drawing the first m points of the shuffled order (see drawOrder.ts) instead keeps a frame
 * within the budget, and the view draws every point again once it stops. On a real GPU frames stay within the budget
 * at every point, so m stays the whole map.
 *
 * Frame times are the time from one requestAnimationFrame callback to the next after a draw: the browser does not
 * begin the next frame until the GPU is done with the last one, and no timer query is needed (the extension for one
 * is missing on most machines, and gl.finish() would stall the page each time it measured).
 */
export interface DrawBudgetOptions {
  /** The frame time aimed at: above a 60 Hz frame (16.7 ms), so a real GPU's frames never thin the map, and below two of them. */
  budgetMs: number
  /** Never fewer points than this while moving (or the whole map when it has fewer): a sparser map no longer shows its clusters. */
  minimum: number
}

export const DEFAULT_DRAW_BUDGET: DrawBudgetOptions = { budgetMs: 25, minimum: 4000 }

/** Frames over budget shrink m in proportion and then a tenth more, as the browser's frame times come in steps of a display frame. */
const HEADROOM = 0.9
/** Frames within budget let m grow back by a quarter a frame, so a hitch (a garbage collection) is soon forgotten. */
const GROWTH = 1.25

export class DrawBudget {
  private allowed: number

  constructor(
    private total: number,
    private readonly options: DrawBudgetOptions = DEFAULT_DRAW_BUDGET,
  ) {
    this.allowed = total
  }

  /** The points a frame draws while the view moves. */
  get count(): number {
    return this.allowed
  }

  /** A new map of `total` points: it starts at every point again, as nothing is known about its frames yet. */
  reset(total: number): void {
    this.total = total
    this.allowed = total
  }

  /** A frame that drew `drawn` points took `frameMs` until the next frame began. */
  observe(frameMs: number, drawn: number): void {
    if (drawn <= 0 || !(frameMs > 0)) return
    const { budgetMs, minimum } = this.options
    const next =
      frameMs > budgetMs ? Math.min(this.allowed, drawn * (budgetMs / frameMs) * HEADROOM) : Math.max(this.allowed, drawn * GROWTH)
    this.allowed = Math.round(Math.min(this.total, Math.max(Math.min(minimum, this.total), next)))
  }
}
