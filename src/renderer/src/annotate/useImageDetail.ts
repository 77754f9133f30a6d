import { useEffect, useState } from 'react'
import type { ImageDetail } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'

/** The image's details (format, metadata, prediction), fetched again at each catalogue revision; null until known. */
export function useImageDetail(imageId: number | null, revision: number): ImageDetail | null {
  const client = useClient()
  const { reportError } = useToasts()
  const [detail, setDetail] = useState<ImageDetail | null>(null)
  useEffect(() => {
    if (imageId === null) return
    let current = true
    client.api.catalog.getImage({ id: imageId }).then(
      (next) => current && setDetail(next),
      (error: unknown) => current && reportError(error),
    )
    return () => {
      current = false
    }
  }, [client, imageId, revision, reportError])
  // Until the image's own arrive, the previous image's details are not its.
  return detail?.id === imageId ? detail : null
}
