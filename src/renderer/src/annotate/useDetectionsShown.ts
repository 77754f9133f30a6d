import { useEffect, useRef } from 'react'
import type { Suggestions } from './useSuggestions'

/**
 * Opened on what the box detector found (the library's "Found by detector", its worst images), each image shows the
 * active detector's boxes as suggestions at once, without a press of "Suggest boxes", so a finding opens on its box.
 * An image that already has suggestions waiting keeps them; each image is asked for once while the view is open.
 */
export function useDetectionsShown(enabled: boolean, detectorActive: boolean, imageId: number | null, suggestions: Suggestions): void {
  const asked = useRef(new Set<number>())
  const { ready, pending, detecting, detect } = suggestions
  useEffect(() => {
    if (!enabled || !detectorActive || imageId === null || !ready || pending.length > 0 || detecting !== null) return
    if (asked.current.has(imageId)) return
    asked.current.add(imageId)
    detect('trained')
  }, [enabled, detectorActive, imageId, ready, pending.length, detecting, detect])
}
