import { useEffect, useState } from 'react'

/** The image at `url`, once decoded: what the stage shows while the full-size image loads. */
export function useThumbnail(url: string | null): HTMLImageElement | null {
  const [loaded, setLoaded] = useState<{ url: string; element: HTMLImageElement } | null>(null)
  useEffect(() => {
    if (url === null) return
    let current = true
    const element = new Image()
    element.src = url
    element.decode().then(
      () => current && setLoaded({ url, element }),
      () => {},
    )
    return () => {
      current = false
    }
  }, [url])
  return loaded?.url === url ? loaded.element : null
}
