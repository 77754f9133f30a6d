import { useEffect, useState } from 'react'
import type { Box } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'

/**
 * The boxes already drawn on an image, offered by the region picker as ready-made regions. An image whose
 * annotations cannot be read simply offers none: drawing a region still works. A file from outside (null) has none.
 */
export function useImageBoxes(imageId: number | null): Box[] {
  const client = useClient()
  const [boxes, setBoxes] = useState<{ imageId: number; boxes: Box[] } | null>(null)
  useEffect(() => {
    if (imageId === null) return
    let current = true
    client.api.annotations.get({ imageId }).then(
      (annotations) => {
        if (current) setBoxes({ imageId, boxes: annotations.boxes })
      },
      () => {},
    )
    return () => {
      current = false
    }
  }, [client, imageId])
  // A reply for an image the picker no longer shows is not this image's boxes.
  return imageId !== null && boxes?.imageId === imageId ? boxes.boxes : []
}
