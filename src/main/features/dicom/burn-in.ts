import type { DicomMeasurementRow, MeasurementPoint } from '../../../shared/api/schemas'
import { shortLabel } from './measurement-labels'

/** Drawn in a colour that stands out on any grey, with a dark edge under the text so it reads on white too. */
const INK = '#ffd400'
const EDGE = '#000000'

/**
 * An SVG the size of the picture that draws its measurements (the line, the rectangle, the ellipse, the angle's two
 * arms) with each one's value beside it, in the picture's own pixels, to lay over the exported PNG. Strokes and text
 * grow with the picture so they stay legible on a 2048² radiograph and do not swamp a 128² slice.
 */
export function measurementsSvg(width: number, height: number, rows: readonly DicomMeasurementRow[]): string {
  const shorter = Math.min(width, height)
  const stroke = Math.max(1, Math.round(shorter / 256))
  const fontSize = Math.max(9, Math.round(shorter / 28))
  const shapes: string[] = []
  for (const { measurement, values } of rows) {
    const { kind, points } = measurement
    const [a, b, c] = points as [MeasurementPoint, MeasurementPoint, MeasurementPoint | undefined]
    if (kind === 'length') shapes.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}"/>`)
    if (kind === 'angle' && c) shapes.push(`<polyline points="${a.x},${a.y} ${b.x},${b.y} ${c.x},${c.y}"/>`)
    if (kind === 'rectangle' || kind === 'ellipse') {
      const left = Math.min(a.x, b.x)
      const top = Math.min(a.y, b.y)
      const w = Math.abs(b.x - a.x)
      const h = Math.abs(b.y - a.y)
      shapes.push(
        kind === 'rectangle'
          ? `<rect x="${left}" y="${top}" width="${w}" height="${h}"/>`
          : `<ellipse cx="${left + w / 2}" cy="${top + h / 2}" rx="${w / 2}" ry="${h / 2}"/>`,
      )
    }
    const anchor = labelAnchor(kind === 'angle' ? b : points.reduce((right, point) => (point.x > right.x ? point : right)), width, height, fontSize)
    shapes.push(
      `<text x="${anchor.x}" y="${anchor.y}" text-anchor="${anchor.textAnchor}" class="label">${escapeXml(shortLabel(values))}</text>`,
    )
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<style>line,polyline,rect,ellipse{fill:none;stroke:${INK};stroke-width:${stroke}}` +
      `.label{fill:${INK};stroke:${EDGE};stroke-width:${Math.max(1, fontSize / 6)};paint-order:stroke;` +
      `font-family:sans-serif;font-size:${fontSize}px}</style>`,
    ...shapes,
    '</svg>',
  ].join('\n')
}

/**
 * Where a measurement's label goes: just right of and above its rightmost point (an angle's vertex), turned to the
 * left of it near the right edge and kept below the top edge, so it never falls off the picture.
 */
function labelAnchor(point: MeasurementPoint, width: number, height: number, fontSize: number) {
  const gap = fontSize / 2
  const nearRightEdge = point.x > width * 0.6
  const x = nearRightEdge ? point.x - gap : point.x + gap
  const y = Math.min(height - gap, Math.max(fontSize, point.y - gap))
  return { x, y, textAnchor: nearRightEdge ? 'end' : 'start' }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
