import { Image as KonvaImage, Layer } from 'react-konva'

interface Props {
  /** One pixel per map cell (see heatmapImage). */
  map: HTMLCanvasElement
  imageWidth: number
  imageHeight: number
  opacity: number
}

/**
 * The anomaly heat map over the image, under the boxes: stretched to the image's pixels on the stage, so zoom and pan
 * move it with the image. Its own layer keeps smoothing on at any zoom, where the image turns pixelated: the map's
 * cells are not pixels of anything.
 */
export function HeatmapLayer({ map, imageWidth, imageHeight, opacity }: Props) {
  return (
    <Layer listening={false} opacity={opacity}>
      <KonvaImage image={map} width={imageWidth} height={imageHeight} listening={false} perfectDrawEnabled={false} />
    </Layer>
  )
}
