import { useState } from 'react'
import type { DuplicateGroup, DuplicateImage } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { formatBytes } from '../format/numbers'
import { t } from '../i18n/t'
import { carriedBy } from './duplicateCarries'
import { searchSimilar } from './searchScreen'
import { formatScore } from './subject'

interface Props {
  group: DuplicateGroup
  index: number
  kept: number
  onKeep(imageId: number): void
  onOpen(images: DuplicateImage[], index: number): void
}

/** One group of copies side by side: which is kept, and what goes out of the catalogue with each of the others. */
export function DuplicateGroupCard({ group, index, kept, onKeep, onOpen }: Props) {
  const key = group.images.map((image) => image.id).join(',')
  return (
    <li className="dup-group" data-testid="dup-group" data-image-ids={key}>
      <div className="dup-group-head">
        <span>{t('search.duplicates.group', { number: index + 1 })}</span>
        <span className="muted">
          {t('search.duplicates.groupSummary', { copies: group.images.length, extras: group.images.length - 1 })}
        </span>
      </div>
      <div className="dup-members">
        {group.images.map((image, position) => (
          <Member
            key={image.id}
            image={image}
            kept={image.id === kept}
            radioName={`dup-keep-${key}`}
            onKeep={() => onKeep(image.id)}
            onOpen={() => onOpen(group.images, position)}
          />
        ))}
      </div>
    </li>
  )
}

interface MemberProps {
  image: DuplicateImage
  kept: boolean
  radioName: string
  onKeep(): void
  onOpen(): void
}

function Member({ image, kept, radioName, onKeep, onOpen }: MemberProps) {
  const client = useClient()
  const [broken, setBroken] = useState(false)
  const carried = carriedBy(image)
  return (
    <div className={kept ? 'dup-member is-kept' : 'dup-member'} data-testid="dup-member" data-image-id={image.id} data-kept={kept} title={image.path}>
      <button type="button" className="thumb-frame dup-thumb" title={t('search.duplicates.openTitle')} data-testid="dup-open" onClick={onOpen}>
        {broken ? (
          <span className="tile-no-preview">{t('search.noPreview')}</span>
        ) : (
          <img src={client.mediaUrl('thumb', image.id)} alt="" loading="lazy" draggable={false} onError={() => setBroken(true)} />
        )}
        <span className="hit-score" title={t('search.duplicates.scoresTitle')}>
          {t('search.duplicates.scores', { score: formatScore(image.score), pixels: formatScore(image.pixelMatch) })}
        </span>
      </button>
      <div className="hit-name">{image.fileName}</div>
      <div className="dup-member-meta muted" data-testid="dup-facts">
        {image.width} × {image.height} · {image.format.toUpperCase()} · {formatBytes(image.bytes)}
      </div>
      <label className="dup-keep">
        <input type="radio" name={radioName} checked={kept} data-testid="dup-keep" onChange={onKeep} />
        {kept ? t('search.duplicates.choice.keep') : t('search.duplicates.choice.remove')}
      </label>
      <div className={carried.length > 0 ? 'dup-carries has-work' : 'dup-carries'} data-testid="dup-carries" data-annotated={carried.length > 0}>
        {kept
          ? carried.length > 0
            ? t('search.duplicates.keptWith', { carried: carried.join(' · ') })
            : t('search.duplicates.kept')
          : carried.length > 0
            ? t('search.duplicates.removesAlso', { carried: carried.join(' · ') })
            : t('search.duplicates.carriesNothing')}
      </div>
      <button
        type="button"
        className="link-button dup-similar"
        onClick={() => searchSimilar({ kind: 'image', imageId: image.id, fileName: image.fileName, width: image.width, height: image.height })}
      >
        {t('search.moreLikeThis')}
      </button>
    </div>
  )
}
