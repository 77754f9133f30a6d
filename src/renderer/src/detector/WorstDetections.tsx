import type { DetectorImageEvaluation } from '../../../shared/api/schemas'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { pluralize } from '../format/numbers'
import { ImageThumbs } from '../training/ImageThumbs'

/**
 * The validation images the version does worst on, worst first, with the boxes it missed and those it found that are
 * not there; each opens in the annotation workspace, which then steps through these images.
 */
export function WorstDetections({ images }: { images: readonly DetectorImageEvaluation[] }) {
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
      ) : (
        <ImageThumbs
          loaded={loaded}
          itemClassName={() => 'detector-worst-image'}
          caption={(image) => {
            const mistakes = counts.get(image.id)
            return (
              mistakes && (
                <span className="detector-worst-counts" data-testid="detector-worst-counts" data-misses={mistakes.misses} data-false-positives={mistakes.falsePositives}>
                  {pluralize(mistakes.misses, 'miss', 'misses')} · {pluralize(mistakes.falsePositives, 'false positive')}
                </span>
              )
            )
          }}
          countGone
          openWithDetections
        />
      )}
    </section>
  )
}
