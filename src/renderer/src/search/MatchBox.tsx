import type { MatchLocation } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { placeInFrame } from './matchBox'
import type { Size } from './region'
import { formatScore } from './subject'

interface Props {
  match: MatchLocation
  /** The hit's size in image pixels, which the match is given in. */
  image: Size
  /** How the frame the box is drawn in shows the picture (see placeInFrame). */
  fit: 'fill' | 'contain'
}

/** Where a region search found the region in a hit: an outline over that part of the picture. */
export function MatchBox({ match, image, fit }: Props) {
  if (image.width <= 0 || image.height <= 0) return null
  const place = placeInFrame(match.region, image, fit)
  return (
    <div
      className="match-box"
      data-testid="match-box"
      data-region={`${match.region.x},${match.region.y},${match.region.width},${match.region.height}`}
      title={t('search.hit.matchTitle', { score: formatScore(match.score) })}
      style={{ left: `${place.left}%`, top: `${place.top}%`, width: `${place.width}%`, height: `${place.height}%` }}
    />
  )
}
