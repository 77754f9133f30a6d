import { useDeferredValue, useState } from 'react'
import type { DicomTag } from '../../../../shared/api/schemas'
import { t } from '../../i18n/t'

/**
 * Every element of the file, meta information first, sequences with their items nested; opened on request, with a
 * filter on tag, keyword, name and value (a sequence shows whole when anything in it matches).
 */
export function DicomTagList({ tags }: { tags: readonly DicomTag[] }) {
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState('')
  const needle = useDeferredValue(filter.trim().toLowerCase())
  const shown = needle ? tags.filter((tag) => matches(tag, needle)) : tags
  return (
    <details className="dicom-tags" data-testid="dicom-tags" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('annotate.dicom.allTags', { count: tags.length })}</summary>
      {open && (
        <>
          <input
            type="search"
            className="dicom-tags-filter"
            placeholder={t('annotate.dicom.filterPlaceholder')}
            aria-label={t('annotate.dicom.filterLabel')}
            data-testid="dicom-tags-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          {shown.length === 0 ? <p className="panel-hint">{t('annotate.dicom.noMatch', { filter: filter.trim() })}</p> : <TagRows tags={shown} />}
        </>
      )}
    </details>
  )
}

function TagRows({ tags }: { tags: readonly DicomTag[] }) {
  return (
    <ul className="dicom-tag-list">
      {tags.map((tag, index) => (
        <li key={`${tag.tag}-${index}`} className="dicom-tag" data-testid="dicom-tag" data-tag={tag.tag} data-keyword={tag.keyword ?? ''}>
          <span className="dicom-tag-id">{tag.tag}</span>
          <span className="dicom-tag-name">
            {tag.name}
            {tag.vr && <span className="muted"> {tag.vr}</span>}
          </span>
          {tag.value && <span className="dicom-tag-value">{tag.value}</span>}
          {tag.items?.map((item, itemIndex) => (
            <div key={itemIndex} className="dicom-tag-item">
              {t('annotate.dicom.item', { number: itemIndex + 1 })}
              <TagRows tags={item} />
            </div>
          ))}
        </li>
      ))}
    </ul>
  )
}

function matches(tag: DicomTag, needle: string): boolean {
  const text = `${tag.tag} ${tag.keyword ?? ''} ${tag.name} ${tag.value}`.toLowerCase()
  return text.includes(needle) || (tag.items?.some((item) => item.some((inner) => matches(inner, needle))) ?? false)
}
