import type { DetectorImageEvaluation } from '../../../shared/api/schemas'
import { annotateList } from '../annotate/annotateScreen'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { pluralize } from '../format/numbers'
import { CellThumb } from '../training/CellImages'

/**
 * The validation images the version does worst on, worst first, with the boxes it missed and those it found that are
 * not there; each opens in the annotation workspace, which then steps through these images.
 */
export function WorstDetections({ images }: { images: readonly DetectorImageEvaluation[] }) {
  const client = useClient()
  const { reportError } = useToasts()
  const loaded = useImageSummaries(images.map((image) => image.imageId))
  const counts = new Map(images.map((image) => [image.imageId, image]))

  return (
    <section className="cell-images" data-testid="detector-worst" data-count={images.length} aria-label="Worst validation images">
      <h4 className="cell-images-title">
        <strong>Worst validation images</strong>
        <span className="muted"> · boxes missed and boxes found that are not there, at the threshold</span>
      </h4>
      {images.length === 0 ? (
        <p className="field-hint">On every validation image the boxes found are the boxes drawn.</p>
      ) : loaded === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : 'problem' in loaded ? (
        <p className="training-error" role="alert">
          {loaded.problem}
        </p>
      ) : (
        <>
          <ul className="cell-thumbs">
            {loaded.images.map((image, index) => {
              const mistakes = counts.get(image.id)
              return (
                <li key={image.id} className="detector-worst-image">
                  <CellThumb image={image} url={client.mediaUrl('thumb', image.id)} onOpen={() => void annotateList(loaded.images, index, reportError, { detections: true })} />
                  {mistakes && (
                    <span className="detector-worst-counts" data-testid="detector-worst-counts" data-misses={mistakes.misses} data-false-positives={mistakes.falsePositives}>
                      {pluralize(mistakes.misses, 'miss', 'misses')} · {pluralize(mistakes.falsePositives, 'false positive')}
                    </span>
                  )}
                </li>
              )
            })}
          </ul>
          {loaded.gone > 0 && <p className="field-hint">{pluralize(loaded.gone, 'image')} are no longer in the catalogue.</p>}
        </>
      )}
    </section>
  )
}
