/** A polygon as its corners in order, in map coordinates; the last corner joins the first. */
export type Polygon = ReadonlyArray<readonly [number, number]>

/** Whether (x, y) is inside the polygon (even-odd rule: a ray to the right crosses its edges an odd number of times). */
export function pointInPolygon(x: number, y: number, polygon: Polygon): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!
    const [xj, yj] = polygon[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** The indices of the points inside the polygon, checking only those inside its bounding box. */
export function pointsInPolygon(xs: ArrayLike<number>, ys: ArrayLike<number>, polygon: Polygon): number[] {
  if (polygon.length < 3) return []
  const [minX, minY, maxX, maxY] = boundsOf(polygon)
  const inside: number[] = []
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (x >= minX && x <= maxX && y >= minY && y <= maxY && pointInPolygon(x, y, polygon)) inside.push(i)
  }
  return inside
}

/** The indices of the points inside the rectangle spanned by two corners (edges included). */
export function pointsInBox(xs: ArrayLike<number>, ys: ArrayLike<number>, from: readonly [number, number], to: readonly [number, number]): number[] {
  const [minX, maxX] = from[0] < to[0] ? [from[0], to[0]] : [to[0], from[0]]
  const [minY, maxY] = from[1] < to[1] ? [from[1], to[1]] : [to[1], from[1]]
  const inside: number[] = []
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    const y = ys[i]!
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) inside.push(i)
  }
  return inside
}

function boundsOf(polygon: Polygon): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  return [minX, minY, maxX, maxY]
}
