import { useEffect, useEffectEvent, useState } from 'react'
import type { ImageDetail, Label } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { formatCount } from '../format/numbers'
import type { ImagePageCache } from '../library/ImagePageCache'
import { isTypingTarget } from '../ui/isTypingTarget'
import { ImageMetadata } from './ImageMetadata'
import { ImageStage } from './ImageStage'
import './viewer.css'

interface Props {
  cache: ImagePageCache
  index: number
  /** The catalogue revision: a label or status change reloads the details shown. */
  revision: number
  labels: readonly Label[]
  onNavigate(index: number): void
  onClose(): void
}

/** One image, large, with its details; ←/→ step through the grid's current order and Esc returns to the grid. */
export function Viewer({ cache, index, revision, labels, onNavigate, onClose }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const onError = useEffectEvent(reportError)
  const image = cache.item(index)
  const total = cache.total ?? 0
  const [detail, setDetail] = useState<ImageDetail | null>(null)

  useEffect(() => {
    // Stepping can reach a page the grid never showed; load it (the cache re-renders us when it lands).
    if (!image) void cache.range(index, index)
  }, [cache, index, image])

  const imageId = image?.id
  useEffect(() => {
    if (imageId === undefined) return
    let current = true
    client.api.catalog.getImage({ id: imageId }).then((next) => current && setDetail(next), onError)
    return () => {
      current = false
    }
  }, [client, imageId, revision])

  useEffect(() => {
    // Warm the neighbours so stepping with the arrow keys shows the next image at once.
    for (const neighbour of [cache.item(index + 1), cache.item(index - 1)]) {
      if (neighbour) new Image().src = client.mediaUrl('image', neighbour.id)
    }
  }, [cache, client, index])

  const step = (delta: number) => {
    const next = index + delta
    if (next >= 0 && next < total) onNavigate(next)
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
    if (event.key === 'Escape') onClose()
    else if (event.key === 'ArrowLeft') step(-1)
    else if (event.key === 'ArrowRight') step(1)
    else return
    event.preventDefault()
  })
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])

  const shown = detail && detail.id === imageId ? detail : null
  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={image?.fileName ?? 'Image'} data-testid="viewer">
      <header className="viewer-header">
        <button type="button" className="icon-button" aria-label="Back to the grid (Esc)" title="Back to the grid (Esc)" data-testid="viewer-close" onClick={onClose}>
          <span className="glyph glyph-back" aria-hidden="true" />
        </button>
        <h1 className="viewer-title" data-testid="viewer-title">
          {image?.fileName ?? ''}
        </h1>
        <span className="viewer-position" data-testid="viewer-position">
          {formatCount(index + 1)} of {formatCount(total)}
        </span>
        <div className="viewer-nav">
          <button type="button" className="icon-button" aria-label="Previous image (←)" title="Previous image (←)" disabled={index === 0} data-testid="viewer-previous" onClick={() => step(-1)}>
            <span className="glyph glyph-chevron-left" aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label="Next image (→)" title="Next image (→)" disabled={index >= total - 1} data-testid="viewer-next" onClick={() => step(1)}>
            <span className="glyph glyph-chevron-right" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="viewer-body">
        {image ? (
          <ImageStage key={image.id} imageId={image.id} width={image.width} height={image.height} missing={image.missing} />
        ) : (
          <div className="viewer-stage" />
        )}
        <ImageMetadata detail={shown} labels={labels} />
      </div>
    </div>
  )
}
