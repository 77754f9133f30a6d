/** CSS pixels one wheel line stands for when the browser reports lines (deltaMode 1), as browsers scroll pages. */
const LINE_PIXELS = 40

/** A wheel delta in CSS pixels, whatever unit the event gives it in (pixels, lines or pages). */
export function wheelPixels(deltaY: number, deltaMode: number, pageHeight: number): number {
  if (deltaMode === 1) return deltaY * LINE_PIXELS
  if (deltaMode === 2) return deltaY * pageHeight
  return deltaY
}

/**
 * Turns wheel deltas into slice steps. A mouse's notch (one event of tens of pixels or more) is one slice, however
 * many pixels the system makes of it; a trackpad's stream of small deltas adds up, a slice per `pixelsPerStep`.
 * Turning back drops what was gathered the other way, so a reversal answers at once.
 */
export class WheelSteps {
  private gathered = 0

  constructor(private readonly pixelsPerStep = 40) {}

  /** The whole slices this delta (CSS pixels, positive = down = further into the stack) moves, signed. */
  feed(pixels: number): number {
    if (pixels === 0) return 0
    if (Math.sign(pixels) !== Math.sign(this.gathered)) this.gathered = 0
    if (Math.abs(pixels) >= this.pixelsPerStep) {
      this.gathered = 0
      return Math.sign(pixels)
    }
    this.gathered += pixels
    if (Math.abs(this.gathered) < this.pixelsPerStep) return 0
    const steps = Math.trunc(this.gathered / this.pixelsPerStep)
    this.gathered -= steps * this.pixelsPerStep
    return steps
  }
}
