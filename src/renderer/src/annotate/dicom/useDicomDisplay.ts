import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { useClient } from '../../client/ClientContext'
import type { Viewport } from '../Viewport'
import { DicomDisplay } from './DicomDisplay'
import { DicomFrameLoader } from './DicomFrameLoader'

/**
 * The workspace's DICOM display: shows `imageId` through its window once its values are here, and fetches the
 * neighbours' frames (the next and previous images') once it is, so stepping through a series re-windows without
 * waiting. `isDicom` is null while the image's details are still on their way.
 */
export function useDicomDisplay(
  viewport: Viewport,
  imageId: number | null,
  isDicom: boolean | null,
  nextId: number | undefined,
  previousId: number | undefined,
): { display: DicomDisplay; source: HTMLCanvasElement | null } {
  const client = useClient()
  const display = useMemo(() => new DicomDisplay(new DicomFrameLoader(client), (drawn) => viewport.redrawImage(drawn)), [client, viewport])
  useEffect(() => () => display.dispose(), [display])

  useEffect(() => display.show(imageId, isDicom), [display, imageId, isDicom])

  const source = useSyncExternalStore(display.subscribe, () => display.sourceFor(imageId))
  const ready = source !== null
  useEffect(() => {
    if (!ready) return
    display.prefetch([nextId, previousId].filter((id): id is number => id !== undefined && id !== imageId))
  }, [display, ready, imageId, nextId, previousId])

  return { display, source }
}
