import { useEffect, useState } from 'react'
import { ApiError } from '../../../shared/api/errors'
import type { ImageSummary } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
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

type Loaded = { images: ImageSummary[]; gone: number } | { problem: string }

/** The validation images of one confusion-matrix cell; each opens in the annotation workspace, the cell's images in turn. */
export function CellImages({ trueLabel, predicted, imageIds }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  // Kept with the cell they are of, so that while a newly chosen cell's images load, the last cell's are not shown.
  const [fetched, setFetched] = useState<{ key: string; loaded: Loaded } | null>(null)
  const shownIds = imageIds.slice(0, MAX_SHOWN)
  const key = shownIds.join(',')
  const loaded = fetched?.key === key ? fetched.loaded : null

  useEffect(() => {
    let current = true
    // Images taken out of the catalogue since the evaluation are left out rather than shown broken.
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

function CellThumb({ image, url, onOpen }: { image: ImageSummary; url: string; onOpen(): void }) {
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
