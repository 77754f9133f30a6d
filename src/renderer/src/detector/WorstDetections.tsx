import type { DetectorImageEvaluation } from '../../../shared/api/schemas'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { ImageThumbs } from '../training/ImageThumbs'
import { t } from '../i18n/t'

/**
 * The validation images the version does worst on, worst first, with the boxes it missed and those it found that are
 * not there; each opens in the annotation workspace, which then steps through these images.
 */
export function WorstDetections({ images }: { images: readonly DetectorImageEvaluation[] }) {
  const loaded = useImageSummaries(images.map((image) => image.imageId))
  const counts = new Map(images.map((image) => [image.imageId, image]))

  return (
    <section className="cell-images" data-testid="detector-worst" data-count={images.length} aria-label={t('detector.worst.title')}>
      <h4 className="cell-images-title">
        <strong>{t('detector.worst.title')}</strong>
        <span className="muted"> · {t('detector.worst.subtitle')}</span>
      </h4>
      {images.length === 0 ? (
        <p className="field-hint">{t('detector.worst.none')}</p>
      ) : (
        <ImageThumbs
          loaded={loaded}
          itemClassName={() => 'detector-worst-image'}
          caption={(image) => {
            const mistakes = counts.get(image.id)
            return (
              mistakes && (
                <span className="detector-worst-counts" data-testid="detector-worst-counts" data-misses={mistakes.misses} data-false-positives={mistakes.falsePositives}>
                  {t('detector.worst.counts', { misses: mistakes.misses, falsePositives: mistakes.falsePositives })}
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
