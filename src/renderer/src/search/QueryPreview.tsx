import { useClient } from '../client/ClientContext'
import { baseName } from '../folders/paths'
import { t } from '../i18n/t'
import type { Picking } from './picking'
import type { SearchSubject } from './subject'

interface Props {
  subject: SearchSubject | null
  onRegion(image: Picking): void
  onClearRegion(): void
}

/** The question being asked: the picture (a catalogue image, a typed path's preview, a dropped file), its region if any. */
export function QueryPreview({ subject, onRegion, onClearRegion }: Props) {
  const client = useClient()
  if (!subject) {
    return (
      <div className="query-preview is-empty" data-testid="search-query" data-kind="none">
        {t('search.query.nothing')}
      </div>
    )
  }
  const region = subject.region
  const width = subject.width ?? 0
  const height = subject.height ?? 0
  const whole: SearchSubject = { ...subject, region: undefined }
  // A catalogue image's thumbnail is enough for the whole image; a region is drawn over the full picture.
  const src = subject.kind === 'image' ? client.mediaUrl(region ? 'image' : 'thumb', subject.imageId) : subject.previewUrl
  const picker: Picking =
    subject.kind === 'image'
      ? { src: client.mediaUrl('image', subject.imageId), imageId: subject.imageId, fileName: subject.fileName, width, height, subject: whole }
      : { src: subject.previewUrl, fileName: subject.kind === 'path' ? baseName(subject.path) : subject.name, width, height, subject: whole }
  // The catalogue knows its images' sizes; a file the browser cannot show has none, and no region can be drawn on it.
  const canDraw = subject.kind === 'image' || (width > 0 && height > 0)
  return (
    <div
      className="query-card"
      data-testid="search-query"
      data-kind={region ? 'region' : subject.kind}
      {...(subject.kind === 'image' && { 'data-image-id': subject.imageId })}
    >
      <div className="query-preview">
        <div className="query-frame">
          <img src={src} alt="" draggable={false} data-testid="query-picture" />
          {region && width > 0 && height > 0 && (
            <div
              className="query-region"
              style={{
                left: `${(region.x / width) * 100}%`,
                top: `${(region.y / height) * 100}%`,
                width: `${(region.width / width) * 100}%`,
                height: `${(region.height / height) * 100}%`,
              }}
            />
          )}
        </div>
      </div>
      {subject.kind === 'path' ? (
        <div className="query-caption mono" title={subject.path}>
          {subject.path}
          {region && <span className="muted"> · {t('search.query.region', { width: region.width, height: region.height })}</span>}
        </div>
      ) : (
        <div className="query-caption" title={picker.fileName}>
          {picker.fileName}
          {subject.kind === 'file' && <span className="muted"> · {t('search.query.droppedFile')}</span>}
          {region && <span className="muted"> · {t('search.query.region', { width: region.width, height: region.height })}</span>}
        </div>
      )}
      {canDraw && (
        <div className="query-actions">
          <button type="button" className="button button-small" data-testid="query-region" onClick={() => onRegion(picker)}>
            {region ? t('search.query.redrawRegion') : t('search.query.drawRegion')}
          </button>
          {region && (
            <button type="button" className="button button-small button-ghost" data-testid="query-whole" onClick={onClearRegion}>
              {t('search.query.wholeImage')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
