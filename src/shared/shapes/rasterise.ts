/**
 * Polygons as pixels: a row-major bitmap of the image's size, 1 for each pixel whose centre is inside, by the even-odd
 * rule over all the polygons' edges together (a part inside another is a hole). For formats that hold objects only as
 * pixels, such as VOC's segmentation PNGs. Each polygon is COCO's flat [x1, y1, x2, y2, …] in image pixels.
 */
export function rasterisePolygons(polygons: readonly (readonly number[])[], width: number, height: number): Uint8Array {
  const bitmap = new Uint8Array(width * height)
  const edges: { x0: number; y0: number; x1: number; y1: number }[] = []
  let top = Infinity
  let bottom = -Infinity
  for (const polygon of polygons) {
    const points = Math.floor(polygon.length / 2)
    for (let i = 0; i < points; i++) {
      const j = (i + 1) % points
      const edge = { x0: polygon[2 * i]!, y0: polygon[2 * i + 1]!, x1: polygon[2 * j]!, y1: polygon[2 * j + 1]! }
      if (edge.y0 === edge.y1) continue // a horizontal edge crosses no row's centre line
      edges.push(edge)
      top = Math.min(top, edge.y0, edge.y1)
      bottom = Math.max(bottom, edge.y0, edge.y1)
    }
  }
  const firstRow = Math.max(0, Math.floor(top))
  const lastRow = Math.min(height - 1, Math.ceil(bottom))
  const crossings: number[] = []
  for (let row = firstRow; row <= lastRow; row++) {
    const centre = row + 0.5
    crossings.length = 0
    for (const { x0, y0, x1, y1 } of edges) {
      // Half-open in y, so a vertex on the centre line counts once for the two edges that meet there.
      if (y0 <= centre !== y1 <= centre) crossings.push(x0 + ((centre - y0) * (x1 - x0)) / (y1 - y0))
    }
    crossings.sort((a, b) => a - b)
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Columns whose centre x + 0.5 lies in [from, to).
      const first = Math.max(0, Math.ceil(crossings[k]! - 0.5))
      const last = Math.min(width, Math.ceil(crossings[k + 1]! - 0.5))
      if (first < last) bitmap.fill(1, row * width + first, row * width + last)
    }
  }
  return bitmap
}
