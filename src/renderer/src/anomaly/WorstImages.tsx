import type { EvaluatedImage } from '../../../shared/api/schemas'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { ImageThumbs } from '../training/ImageThumbs'
import { t } from '../i18n/t'

interface Props {
  title: string
  /** What the list is when empty. */
  none: string
  images: readonly EvaluatedImage[]
  /**
   * Whether an image is a mistake at the threshold (a false alarm, a miss); the word for it, the sentence for one, and
   * how many there are at the threshold among how many shown.
   */
  mistake: { is(score: number): boolean; name: string; one: string; count(mistakes: number, shown: number): string }
  testId: string
  onShowInLibrary(imageIds: readonly number[]): void
}

/**
 * The worst of one kind of mistake, as thumbnails: each opens in the annotation workspace (stepping through the list),
 * and the list can be shown in the library to label or select.
 */
export function WorstImages({ title, none, images, mistake, testId, onShowInLibrary }: Props) {
  const loaded = useImageSummaries(images.map((image) => image.imageId))
  const scores = new Map(images.map((image) => [image.imageId, image.score]))
  const mistakes = images.filter((image) => mistake.is(image.score)).length

  return (
    <section className="cell-images worst-images" data-testid={testId} data-count={images.length} aria-label={title}>
      <h4 className="cell-images-title worst-images-title">
        <strong>{title}</strong>
        <span className="muted">
          {' '}
          · {mistake.count(mistakes, images.length)}
        </span>
        {images.length > 0 && (
          <button
            type="button"
            className="button button-small"
            data-testid={`${testId}-show-in-library`}
            title={t('anomaly.worst.show.title')}
            onClick={() => onShowInLibrary(images.map((image) => image.imageId))}
          >
            {t('anomaly.worst.show')}
          </button>
        )}
      </h4>
      {images.length === 0 ? (
        <p className="field-hint">{none}</p>
      ) : (
        <ImageThumbs
          loaded={loaded}
          itemClassName={(image) => (mistake.is(scores.get(image.id) ?? 0) ? 'worst-image is-mistake' : 'worst-image')} // i18n-exempt: CSS classes
          caption={(image) => {
            const score = scores.get(image.id) ?? 0
            return (
              <span className="mono worst-image-score" title={mistake.is(score) ? mistake.one : t('anomaly.worst.right')}>
                {score.toFixed(3)}
                {mistake.is(score) && ` · ${mistake.name}`}
              </span>
            )
          }}
        />
      )}
    </section>
  )
}
