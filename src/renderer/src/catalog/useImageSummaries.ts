import { useEffect, useState } from 'react'
import { ApiError } from '../../../shared/api/errors'
import type { ImageSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'

export type LoadedImages = { images: ImageSummary[]; gone: number } | { problem: string }

/**
 * These images' summaries, in the given order, to show as thumbnails; null while loading. Images taken out of the
 * catalogue since their ids were handed out are left out (counted as `gone`) rather than shown broken.
 */
export function useImageSummaries(imageIds: readonly number[]): LoadedImages | null {
  const client = useClient()
  // Kept with the ids they are of, so that while newly chosen ids load, the last ones' images are not shown.
  const [fetched, setFetched] = useState<{ key: string; loaded: LoadedImages } | null>(null)
  const key = imageIds.join(',')

  useEffect(() => {
    let current = true
    const ids = key === '' ? [] : key.split(',').map(Number)
    Promise.allSettled(ids.map((id) => client.api.catalog.getImage({ id }))).then((results) => {
      if (!current) return
      const failure = results.find(
        (result): result is PromiseRejectedResult => result.status === 'rejected' && !(result.reason instanceof ApiError && result.reason.code === 'not_found'),
      )
      if (failure) {
        setFetched({ key, loaded: { problem: failure.reason instanceof Error ? failure.reason.message : String(failure.reason) } })
        return
      }
      const images = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
      setFetched({ key, loaded: { images, gone: results.length - images.length } })
    })
    return () => {
      current = false
    }
  }, [client, key])

  return fetched?.key === key ? fetched.loaded : null
}
