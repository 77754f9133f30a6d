import { useState, type ReactNode } from 'react'
import type { ImageSummary } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
import type { LoadedImages } from '../catalog/useImageSummaries'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { t } from '../i18n/t'

interface Props {
  /** The images, as useImageSummaries loads them: `null` while loading. */
  loaded: LoadedImages | null
  /** The class of an image's list item. */
  itemClassName?(image: ImageSummary): string
  /** What is written under an image's thumbnail. */
  caption?(image: ImageSummary): ReactNode
  /** Whether to say how many of the images are no longer in the catalogue. */
  countGone?: boolean
  /** The images are what the box detector found: each opens with the active detector's boxes suggested. */
  openWithDetections?: boolean
}

/**
 * Images as thumbnails, each opening in the annotation workspace, which then steps through them; a spinner while they
 * load, and the problem if that failed.
 */
export function ImageThumbs({ loaded, itemClassName, caption, countGone = false, openWithDetections = false }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  if (loaded === null) return <span className="spinner" aria-hidden="true" />
  if ('problem' in loaded) {
    return (
      <p className="training-error" role="alert">
        {loaded.problem}
      </p>
    )
  }
  return (
    <>
      <ul className="cell-thumbs">
        {loaded.images.map((image, index) => (
          <li key={image.id} className={itemClassName?.(image)}>
            <CellThumb image={image} url={client.mediaUrl('thumb', image.id)} onOpen={() => void annotateList(loaded.images, index, reportError, { detections: openWithDetections })} />
            {caption?.(image)}
          </li>
        ))}
      </ul>
      {countGone && loaded.gone > 0 && <p className="field-hint">{t('training.thumbs.gone', { count: loaded.gone })}</p>}
    </>
  )
}

/** A thumbnail that opens its image in the annotation workspace. */
function CellThumb({ image, url, onOpen }: { image: ImageSummary; url: string; onOpen(): void }) {
  const [broken, setBroken] = useState(false)
  return (
    <button
      type="button"
      className="cell-thumb"
      title={t('training.thumbs.open', { name: image.fileName })}
      data-testid="cell-image"
      data-image-id={image.id}
      onClick={onOpen}
    >
      <span className="cell-thumb-image">
        {broken ? <span className="tile-no-preview">{t('training.thumbs.noPreview')}</span> : <img src={url} alt="" loading="lazy" draggable={false} onError={() => setBroken(true)} />}
      </span>
      <span className="cell-thumb-name">{image.fileName}</span>
    </button>
  )
}
