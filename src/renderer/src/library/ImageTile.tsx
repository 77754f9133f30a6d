import { memo, useState } from 'react'
import type { ImageSummary } from '../../../shared/api/schemas'
import { LabelChip } from '../ui/LabelChip'
import { PredictionBadge } from '../ui/PredictionBadge'
import { StatusDot } from '../ui/StatusDot'
import { isTinySource } from '../ui/tinySource'
import { t } from '../i18n/t'

/** A tile only has room for a couple of chips; the rest are summarised as "+N". */
const VISIBLE_CHIPS = 2

interface Props {
  image: ImageSummary
  index: number
  thumbUrl: string
  selected: boolean
  cursor: boolean
  labelColors: ReadonlyMap<string, string>
}

export const ImageTile = memo(function ImageTile({ image, index, thumbUrl, selected, cursor, labelColors }: Props) {
  const [broken, setBroken] = useState(false)
  const hidden = image.labels.length - VISIBLE_CHIPS
  const classes = [
    'tile',
    selected && 'is-selected',
    cursor && 'is-cursor',
    image.missing && 'is-missing',
    isTinySource(image.width, image.height) && 'is-tiny-source',
  ]
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role="gridcell"
      aria-selected={selected}
      data-testid="tile"
      data-image-id={image.id}
      data-index={index}
      title={image.fileName}
    >
      <div className="thumb-frame tile-thumb">
        {broken ? (
          <span className="tile-no-preview">{t('library.tile.noPreview')}</span>
        ) : (
          <img src={thumbUrl} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setBroken(true)} />
        )}
        {image.missing && (
          <span className="tile-missing" data-testid="tile-missing" title={t('library.tile.missingTitle')}>
            {t('library.tile.missing')}
          </span>
        )}
        {/* After the missing badge, which it stacks under (grid.css). */}
        {image.anomaly?.anomalous && (
          <span className="tile-anomaly" data-testid="tile-anomaly" title={t('library.tile.anomalousTitle', { score: image.anomaly.score.toFixed(2) })}>
            {t('library.tile.anomalous')}
          </span>
        )}
        {selected && <span className="tile-check" aria-hidden="true" />}
        {image.prediction && (
          <PredictionBadge
            prediction={image.prediction}
            color={labelColors.get(image.prediction.label)}
            agrees={image.labels.includes(image.prediction.label)}
            className="tile-prediction"
            testId="tile-prediction"
          />
        )}
      </div>
      <div className="tile-caption">
        <StatusDot status={image.status} />
        <span className="tile-name">{image.fileName}</span>
      </div>
      <div className="tile-chips">
        {image.labels.slice(0, VISIBLE_CHIPS).map((label) => (
          <LabelChip key={label} name={label} color={labelColors.get(label)} />
        ))}
        {hidden > 0 && (
          <span className="label-more" title={image.labels.slice(VISIBLE_CHIPS).join(', ')}>
            +{hidden}
          </span>
        )}
      </div>
    </div>
  )
})
