import { useState } from 'react'
import type { ImageSummary } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { pluralize } from '../format/numbers'

/** A cell can hold thousands of images on a large catalogue; the first ones say what the mistake looks like. */
const MAX_SHOWN = 200

interface Props {
  trueLabel: string
  predicted: string
  imageIds: readonly number[]
}

/** The validation images of one confusion-matrix cell; each opens in the annotation workspace, the cell's images in turn. */
export function CellImages({ trueLabel, predicted, imageIds }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const loaded = useImageSummaries(imageIds.slice(0, MAX_SHOWN))

  const correct = trueLabel === predicted
  return (
    <section className="cell-images" data-testid="cell-images" data-count={imageIds.length} aria-label={`Images of ${trueLabel} predicted as ${predicted}`}>
      <h4 className="cell-images-title">
        {correct ? (
          <>
            <strong>{trueLabel}</strong> predicted right
          </>
        ) : (
          <>
            <strong>{trueLabel}</strong> predicted as <strong>{predicted}</strong>
          </>
        )}
        <span className="muted"> · {pluralize(imageIds.length, 'validation image')}</span>
        {imageIds.length > MAX_SHOWN && <span className="muted"> (first {MAX_SHOWN} shown)</span>}
      </h4>
      {loaded === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : 'problem' in loaded ? (
        <p className="training-error" role="alert">
          {loaded.problem}
        </p>
      ) : (
        <>
          <ul className="cell-thumbs">
            {loaded.images.map((image, index) => (
              <li key={image.id}>
                <CellThumb image={image} url={client.mediaUrl('thumb', image.id)} onOpen={() => void annotateList(loaded.images, index, reportError)} />
              </li>
            ))}
          </ul>
          {loaded.gone > 0 && <p className="field-hint">{pluralize(loaded.gone, 'image')} are no longer in the catalogue.</p>}
        </>
      )}
    </section>
  )
}

/** A thumbnail that opens its image in the annotation workspace. */
export function CellThumb({ image, url, onOpen }: { image: ImageSummary; url: string; onOpen(): void }) {
  const [broken, setBroken] = useState(false)
  return (
    <button
      type="button"
      className="cell-thumb"
      title={`${image.fileName} — open in the annotation workspace`}
      data-testid="cell-image"
      data-image-id={image.id}
      onClick={onOpen}
    >
      <span className="cell-thumb-image">
        {broken ? <span className="tile-no-preview">No preview</span> : <img src={url} alt="" loading="lazy" draggable={false} onError={() => setBroken(true)} />}
      </span>
      <span className="cell-thumb-name">{image.fileName}</span>
    </button>
  )
}
