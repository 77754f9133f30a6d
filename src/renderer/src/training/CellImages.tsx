import { useImageSummaries } from '../catalog/useImageSummaries'
import { pluralize } from '../format/numbers'
import { ImageThumbs } from './ImageThumbs'

/** A cell can hold thousands of images on a large catalogue; the first ones say what the mistake looks like. */
const MAX_SHOWN = 200

interface Props {
  trueLabel: string
  predicted: string
  imageIds: readonly number[]
}

/** The validation images of one confusion-matrix cell; each opens in the annotation workspace, the cell's images in turn. */
export function CellImages({ trueLabel, predicted, imageIds }: Props) {
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
      <ImageThumbs loaded={loaded} countGone />
    </section>
  )
}
