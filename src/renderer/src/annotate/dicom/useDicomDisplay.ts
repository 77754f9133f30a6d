import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useClient } from '../../client/ClientContext'
import type { Viewport } from '../Viewport'
import { DicomDisplay } from './DicomDisplay'
import { DicomFrameLoader } from './DicomFrameLoader'

/**
 * The workspace's DICOM display: shows `imageId` through its window once its values are here, and fetches the
 * neighbours' frames once it is (stepping through a series then re-windows without waiting). `isDicom` is null
 * while the image's details are still on their way.
 */
export function useDicomDisplay(
  viewport: Viewport,
  imageId: number | null,
  isDicom: boolean | null,
  neighbours: readonly (number | undefined)[],
): { display: DicomDisplay; source: HTMLCanvasElement | null } {
  const client = useClient()
  const display = useMemo(() => new DicomDisplay(new DicomFrameLoader(client), () => viewport.redrawImage()), [client, viewport])
  useEffect(() => () => display.dispose(), [display])

  useEffect(() => display.show(imageId, isDicom), [display, imageId, isDicom])

  const source = useSyncExternalStore(display.subscribe, () => display.sourceFor(imageId))
  const ready = source !== null
  const neighbourKey = neighbours.join(',')
  useEffect(() => {
    if (!ready) return
    display.prefetch(neighbours.filter((id): id is number => id !== undefined && id !== imageId))
    // The ids are compared by value (neighbourKey), not by the array passed in on each render.
  }, [display, ready, imageId, neighbourKey])

  return { display, source }
}
