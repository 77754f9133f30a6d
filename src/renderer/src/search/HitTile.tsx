import { useState } from 'react'
import type { SearchHit } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { MatchBox } from './MatchBox'
import { searchSimilar } from './searchScreen'
import { formatScore } from './subject'

interface Props {
  hit: SearchHit
  rank: number
  thumbUrl: string
  selected: boolean
  /** The hit Enter opens. */
  cursor: boolean
  onRegion(): void
}

/** One answer: its picture and score, selected by a click on it (see HitGrid), with questions of its own to ask. */
export function HitTile({ hit, rank, thumbUrl, selected, cursor, onRegion }: Props) {
  const [broken, setBroken] = useState(false)
  const classes = ['hit', selected && 'is-selected', cursor && 'is-cursor'].filter(Boolean).join(' ')
  return (
    <li
      className={classes}
      data-testid="search-hit"
      data-selected={selected}
      data-image-id={hit.id}
      data-rank={rank}
      data-score={hit.score.toFixed(4)}
      title={hit.path}
    >
      <div className="thumb-frame hit-thumb">
        {broken ? <span className="tile-no-preview">{t('search.noPreview')}</span> : <img src={thumbUrl} alt="" loading="lazy" draggable={false} onError={() => setBroken(true)} />}
        {hit.match && !broken && <MatchBox match={hit.match} image={hit} fit="contain" />}
        <span className="hit-score" data-testid="hit-score" title={t('search.hit.scoreTitle')}>
          {formatScore(hit.score)}
        </span>
        {selected && <span className="tile-check" aria-hidden="true" />}
      </div>
      <div className="hit-name">{hit.fileName}</div>
      <div className="hit-actions">
        <button
          type="button"
          className="button button-small"
          data-testid="hit-more-like-this"
          onClick={() => searchSimilar({ kind: 'image', imageId: hit.id, fileName: hit.fileName, width: hit.width, height: hit.height })}
        >
          {t('search.moreLikeThis')}
        </button>
        <button type="button" className="button button-small button-ghost" title={t('search.hit.regionTitle')} data-testid="hit-region" onClick={onRegion}>
          {t('search.hit.region')}
        </button>
      </div>
    </li>
  )
}
