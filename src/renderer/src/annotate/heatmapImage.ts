import type { AnomalyHeatmap } from '../../../shared/api/schemas'

/** Below this multiple of the threshold a cell is left clear: ordinary texture is not worth colouring. */
const FAINT_FROM = 0.8
/** At this multiple of the threshold and above, the colour is at its hottest. */
const HOTTEST_AT = 1.6

/**
 * The heat map as a picture of one pixel per cell, for the canvas to stretch over the whole image (the map covers the
 * picture stretched, as the model saw it). Under the threshold it is clear, fading in as a cool violet tint just below
 * it; at and above it, opaque and warm, from amber at the threshold to red.
 */
export function heatmapImage(heatmap: AnomalyHeatmap): HTMLCanvasElement {
  const levels = Uint8Array.from(atob(heatmap.levels), (char) => char.charCodeAt(0))
  const canvas = document.createElement('canvas')
  canvas.width = heatmap.gridWidth
  canvas.height = heatmap.gridHeight
  const context = canvas.getContext('2d')!
  const pixels = context.createImageData(heatmap.gridWidth, heatmap.gridHeight)
  levels.forEach((level, index) => pixels.data.set(heatColour(level * heatmap.scale), index * 4))
  context.putImageData(pixels, 0, 0)
  return canvas
}

/** RGBA of a value given as a multiple of the threshold. */
function heatColour(ratio: number): [number, number, number, number] {
  if (ratio < FAINT_FROM) return [0, 0, 0, 0]
  if (ratio < 1) return [120, 90, 220, Math.round(((ratio - FAINT_FROM) / (1 - FAINT_FROM)) * 90)]
  const heat = Math.min(1, (ratio - 1) / (HOTTEST_AT - 1))
  return [255, Math.round(190 - heat * 170), Math.round(40 - heat * 30), 230]
}
