import type { CSSProperties } from 'react'
import { REVIEW_STATUSES, type Label, type ReviewStatus } from '../../../shared/api/schemas'
import { STATUS_NAMES } from '../format/reviewStatus'
import { StatusDot } from '../ui/StatusDot'
import { useCollapsedList } from './useCollapsedList'
import { t } from '../i18n/t'

interface Props {
  status: ReviewStatus | null
  tags: readonly string[]
  labels: readonly Label[]
  onStatus(status: ReviewStatus): void
  onToggleTag(name: string): void
}

/** The image's review status and its image-level tags (labels that apply to the whole image, for classification). */
export function ImageStatePanel({ status, tags, labels, onStatus, onToggleTag }: Props) {
  const tagged = new Set(tags)
  const { shown, toggle } = useCollapsedList(labels, (label) => tagged.has(label.name), 'tags-show-all')
  return (
    <section className="panel-section image-state">
      <div className="status-picker" role="radiogroup" aria-label={t('annotate.status.label')} data-testid="annotate-status" data-status={status ?? ''}>
        {REVIEW_STATUSES.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={option === status}
            className={`status-pill${option === status ? ' is-active' : ''}`}
            title={option === 'reviewed' ? t('annotate.status.reviewedTitle', { status: STATUS_NAMES[option] }) : STATUS_NAMES[option]}
            data-testid="status-button"
            data-status={option}
            disabled={status === null}
            onClick={() => onStatus(option)}
          >
            <StatusDot status={option} decorative />
            {STATUS_NAMES[option]}
          </button>
        ))}
      </div>
      <div className="tag-row" data-testid="image-tags" data-tags={tags.join('\n')}>
        <span className="tag-caption">{t('annotate.tags.title')}</span>
        {labels.length === 0 ? (
          <span className="panel-hint">{t('annotate.tags.empty')}</span>
        ) : (
          shown.map((label) => {
            const on = tagged.has(label.name)
            return (
              <button
                key={label.id}
                type="button"
                className={`tag-toggle${on ? ' is-on' : ''}`}
                style={{ '--label-color': label.color } as CSSProperties}
                aria-pressed={on}
                title={tagTitle(on, label)}
                data-testid="tag-toggle"
                data-label={label.name}
                onClick={() => onToggleTag(label.name)}
              >
                {label.name}
              </button>
            )
          })
        )}
        {tags
          .filter((tag) => !labels.some((label) => label.name === tag))
          .map((tag) => (
            <button key={tag} type="button" className="tag-toggle is-on" aria-pressed data-testid="tag-toggle" data-label={tag} onClick={() => onToggleTag(tag)}>
              {tag}
            </button>
          ))}
        {toggle}
      </div>
    </section>
  )
}

/** What a tag button does, with its Shift+digit key when the label has a hotkey. */
function tagTitle(on: boolean, label: Label): string {
  const name = label.name
  if (!label.hotkey) return on ? t('annotate.tags.remove', { name }) : t('annotate.tags.add', { name })
  return on ? t('annotate.tags.removeWithKey', { name, hotkey: label.hotkey }) : t('annotate.tags.addWithKey', { name, hotkey: label.hotkey })
}
