import type { ImageDetail, Label } from '../../../shared/api/schemas'
import { formatDateTime } from '../format/dateTime'
import { formatBytes, formatCount } from '../format/numbers'
import { describeOrientation } from '../format/orientation'
import { STATUS_NAMES } from '../format/reviewStatus'
import { LabelChip } from '../ui/LabelChip'
import { StatusDot } from '../ui/StatusDot'
import { t } from '../i18n/t'

/** The library's facts about an image (file, size, format, orientation, hash), shown in the workspace's side panel. */
export function ImageMetadata({ detail, labels }: { detail: ImageDetail | null; labels: readonly Label[] }) {
  const colors = new Map(labels.map((label) => [label.name, label.color]))
  return (
    <div className="viewer-metadata" data-testid="viewer-metadata" aria-busy={!detail}>
      {detail ? (
        <dl className="metadata">
            <dt>{t('viewer.metadata.labels')}</dt>
            <dd data-testid="meta-labels">
              {detail.labels.length ? (
                <span className="metadata-chips">
                  {detail.labels.map((name) => (
                    <LabelChip key={name} name={name} color={colors.get(name)} />
                  ))}
                </span>
              ) : (
                <span className="muted">{t('viewer.metadata.noLabels')}</span>
              )}
            </dd>
            <dt>{t('viewer.metadata.status')}</dt>
            <dd data-testid="meta-status" data-status={detail.status}>
              <StatusDot status={detail.status} decorative /> {STATUS_NAMES[detail.status]}
            </dd>
            <dt>{t('viewer.metadata.dimensions')}</dt>
            <dd data-testid="meta-size" data-width={detail.width} data-height={detail.height}>
              {t('viewer.metadata.size', { width: detail.width, height: detail.height })}
            </dd>
            <dt>{t('viewer.metadata.format')}</dt>
            <dd data-testid="meta-format">{detail.format.toUpperCase()}</dd>
            <dt>{t('viewer.metadata.fileSize')}</dt>
            <dd data-testid="meta-bytes" title={t('viewer.metadata.bytes', { count: detail.bytes })}>
              {formatBytes(detail.bytes)}
            </dd>
            {detail.format === 'dicom' ? (
              <>
                {/* A multi-frame file gives one image per frame; its DICOM tags are in the panel's DICOM section. */}
                <dt>{t('viewer.metadata.frame')}</dt>
                <dd data-testid="meta-frame">{formatCount(detail.frame + 1)}</dd>
              </>
            ) : (
              <>
                <dt>{t('viewer.metadata.orientation')}</dt>
                <dd data-testid="meta-orientation">{describeOrientation(detail.orientation)}</dd>
              </>
            )}
            <dt>{t('viewer.metadata.added')}</dt>
            <dd data-testid="meta-added">{formatDateTime(detail.addedAt)}</dd>
            {detail.boxCount > 0 && (
              <>
                <dt>{t('viewer.metadata.boxes')}</dt>
                <dd data-testid="meta-boxes">{formatCount(detail.boxCount)}</dd>
              </>
            )}
            <dt>{t('viewer.metadata.path')}</dt>
            <dd className="metadata-path" data-testid="meta-path">
              {detail.path}
              {detail.missing && <span className="missing-note">{t('viewer.metadata.missing')}</span>}
            </dd>
            <dt>{t('viewer.metadata.contentHash')}</dt>
            <dd className="metadata-hash" data-testid="meta-hash" title={detail.contentHash}>
              {detail.contentHash}
            </dd>
        </dl>
      ) : (
        <p className="muted">{t('viewer.metadata.loading')}</p>
      )}
    </div>
  )
}
