import type Konva from 'konva'
import type { Point } from './geometry'
import type { View } from './view'

/** A pointer event on the canvas, in image pixels and in canvas (CSS) pixels, with the view it was seen through. */
export interface ToolInput {
  point: Point
  screen: Point
  view: View
  shiftKey: boolean
  altKey: boolean
  /** The browser's click count for this press: 2 on the second press of a double-click. */
  clicks: number
}

/**
 * A way of editing on the canvas besides the box gestures the canvas itself knows (select, move, resize, draw a
 * box): the polygon tool, the mask brush and eraser, and editing the points of a selected polygon.
 *
 * The canvas hands a tool each left press on the image first; a press the tool declines goes on to the box gestures.
 * A tool keeps its own state between presses (a polygon's points so far), sends edits through useImageEditing, and
 * draws what is in progress on the canvas' overlay layer; the canvas redraws that layer after each event it hands on,
 * and whenever the tool object changes.
 */
export interface CanvasTool {
  /** A left press on the image (not a pan): true when the tool takes it, and with it the moves and the release. */
  press(input: ToolInput): boolean
  /** The pointer moved, with a press the tool took held (`pressed`) or not. Returns the cursor, or null for the canvas' own. */
  move(input: ToolInput, pressed: boolean): string | null
  /** The pointer left the canvas with nothing pressed: what follows the pointer (a brush's circle) goes. */
  leave?(): void
  /** The press the tool took ended. */
  release(input: ToolInput): void
  /** Esc, or the browser took the pointer away: drops whatever is half done; false when nothing was. */
  cancel(): boolean
  /** Draws the tool's work in progress over the image, in screen pixels (the context is in screen space already). */
  drawOverlay(context: Konva.Context, view: View): void
}
