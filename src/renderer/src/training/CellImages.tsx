import type { ReactNode } from 'react'
import { useImageSummaries } from '../catalog/useImageSummaries'
import { t, tRich } from '../i18n/t'
import { ImageThumbs } from './ImageThumbs'

/** A cell can hold thousands of images on a large catalogue; the first ones say what the mistake looks like. */
const MAX_SHOWN = 200

interface Props {
  trueLabel: string
  predicted: string
  imageIds: readonly number[]
}

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>

/** The validation images of one confusion-matrix cell; each opens in the annotation workspace, the cell's images in turn. */
export function CellImages({ trueLabel, predicted, imageIds }: Props) {
  const loaded = useImageSummaries(imageIds.slice(0, MAX_SHOWN))

  const correct = trueLabel === predicted
  return (
    <section className="cell-images" data-testid="cell-images" data-count={imageIds.length} aria-label={t('training.cellImages.label', { trueLabel, predicted })}>
      <h4 className="cell-images-title">
        {correct ? tRich('training.cellImages.right', { label: trueLabel, strong }) : tRich('training.cellImages.wrong', { trueLabel, predicted, strong })}
        <span className="muted"> · {t('training.cellImages.count', { count: imageIds.length })}</span>
        {imageIds.length > MAX_SHOWN && <span className="muted"> {t('training.cellImages.firstShown', { count: MAX_SHOWN })}</span>}
      </h4>
      <ImageThumbs loaded={loaded} countGone />
    </section>
  )
}
