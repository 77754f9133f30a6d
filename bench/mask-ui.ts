import type { Page } from '@playwright/test'
import { result, type BenchResult } from './stats'

/**
 * The mask brush in the workspace, on the image open in `page` (the annotation bench's 4000×3000 one, fitted, with
 * its boxes): B, then two scripted strokes, one pointer move per animation frame in loops across the image, each
 * ending in its edit. The first paints a new mask; the second, with it selected, adds to that mask, whose pixels are
 * the selected mask's drawing while it is painted. Records the intervals between frames while painting, and from
 * the release to the canvas listing the edited object (the bitmap to RLE, the optimistic edit, React).
 */
export async function benchMaskStrokes(page: Page, durationMs: number, details: Record<string, unknown>): Promise<BenchResult[]> {
  await page.keyboard.press('b')
  await page.locator('[data-testid="annotate-canvas"][data-mode="brush"]').waitFor()
  const boxes = Number(await page.getByTestId('annotate-canvas').getAttribute('data-box-count'))
  const first = await page.evaluate(scriptedStroke, { durationMs, boxesAfter: boxes + 1, phase: 0 })
  const added = await page.evaluate(scriptedStroke, { durationMs, boxesAfter: boxes + 1, phase: 1 })
  // Esc lets go of the selection, so the next stroke is a new mask again.
  await page.keyboard.press('Escape')
  await page.locator('[data-testid="annotate-canvas"][data-selected-box-id=""]').waitFor()
  const third = await page.evaluate(scriptedStroke, { durationMs, boxesAfter: boxes + 2, phase: 0.5 })
  await page.keyboard.press('b')
  return [
    result({ id: 'annotate.mask.frame.new', name: 'canvas frame interval, painting a new mask on 4000×3000', unit: 'ms', details }, [...first.frames, ...third.frames]),
    result({ id: 'annotate.mask.frame.selected', name: 'canvas frame interval, adding to the selected mask on 4000×3000', unit: 'ms', details }, added.frames),
    result({ id: 'annotate.mask.release', name: 'new mask: stroke released → the object on the canvas, 4000×3000', unit: 'ms', details }, [first.release, third.release]),
  ]
}

/** Runs in the page: a left-button stroke in loops, one move per frame, then the time from release to the edit shown. */
function scriptedStroke({ durationMs, boxesAfter, phase }: { durationMs: number; boxesAfter: number; phase: number }): Promise<{ frames: number[]; release: number }> {
  const canvas = document.querySelector<HTMLElement>('[data-testid="annotate-canvas"]')!
  const bounds = canvas.getBoundingClientRect()
  const cx = bounds.left + bounds.width / 2
  const cy = bounds.top + bounds.height / 2 + (phase - 0.5) * bounds.height * 0.3
  const pointer = (type: string, x: number, y: number) =>
    canvas.dispatchEvent(new PointerEvent(type, { pointerId: 9, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX: x, clientY: y, bubbles: true }))
  pointer('pointerdown', cx, cy)
  const frames: number[] = []
  return new Promise((resolve) => {
    let start = 0
    let last = 0
    const frame = (now: number) => {
      if (start === 0) start = now
      else frames.push(now - last)
      last = now
      const t = (now - start) / 1000
      pointer('pointermove', cx + Math.sin(t * 2.5) * bounds.width * 0.35, cy + Math.sin(t * 5) * bounds.height * 0.1)
      if (now - start < durationMs) return requestAnimationFrame(frame)
      const released = performance.now()
      pointer('pointerup', cx + Math.sin(t * 2.5) * bounds.width * 0.35, cy + Math.sin(t * 5) * bounds.height * 0.1)
      const shown = () => {
        if (Number(canvas.dataset.boxCount) === boxesAfter) resolve({ frames, release: performance.now() - released })
        else requestAnimationFrame(shown)
      }
      shown()
    }
    requestAnimationFrame(frame)
  })
}
