/**
 * Where the map's [0, 1]² lies on the canvas: screen = map × scale + offset, in CSS pixels from the canvas's top-left
 * corner (y down, as on screen). Pan and zoom change only these three numbers, which the shader takes as uniforms.
 */
export interface ViewTransform {
  scale: number
  offsetX: number
  offsetY: number
}

/** Zoom stays between the whole map in a tenth of the canvas and a thousand times closer than fitted. */
const MIN_ZOOM = 0.1
const MAX_ZOOM = 1000
/** The fitted map leaves this share of the canvas's shorter side as a margin around it. */
const FIT_MARGIN = 0.05

/** The whole map, centred, as large as the canvas allows. */
export function fitTransform(width: number, height: number): ViewTransform {
  const scale = Math.max(1, Math.min(width, height) * (1 - 2 * FIT_MARGIN))
  return { scale, offsetX: (width - scale) / 2, offsetY: (height - scale) / 2 }
}

export function toScreen(view: ViewTransform, x: number, y: number): [number, number] {
  return [x * view.scale + view.offsetX, y * view.scale + view.offsetY]
}

export function toMap(view: ViewTransform, screenX: number, screenY: number): [number, number] {
  return [(screenX - view.offsetX) / view.scale, (screenY - view.offsetY) / view.scale]
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { scale: view.scale, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy }
}

/**
 * Zooms by `factor` keeping the map point under (screenX, screenY) where it is, as a wheel zooms about the cursor;
 * `fitted` is the scale of the fitted view, which the zoom limits are relative to.
 */
export function zoomAbout(view: ViewTransform, factor: number, screenX: number, screenY: number, fitted: number): ViewTransform {
  const scale = Math.min(fitted * MAX_ZOOM, Math.max(fitted * MIN_ZOOM, view.scale * factor))
  const [mapX, mapY] = toMap(view, screenX, screenY)
  return { scale, offsetX: screenX - mapX * scale, offsetY: screenY - mapY * scale }
}
