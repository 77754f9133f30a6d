import { Fragment, useSyncExternalStore } from 'react'
import type { DicomMetadata } from '../../../../shared/api/schemas'
import { formatTagValue } from '../../format/dicomText'
import { openReader } from '../../reader/readerScreen'
import { screens } from '../../screens/screens'
import { useStoredState } from '../useStoredState'
import type { DicomDisplay } from './DicomDisplay'
import { DicomTagList } from './DicomTagList'
import type { MessageKey } from '../../i18n/catalog-types'
import { t } from '../../i18n/t'

type MainTag = DicomMetadata['main'][number]

const GROUP_NAMES: Record<MainTag['group'], MessageKey> = {
  Patient: 'annotate.dicom.group.patient',
  Study: 'annotate.dicom.group.study',
  Series: 'annotate.dicom.group.series',
  Image: 'annotate.dicom.group.image',
  Equipment: 'annotate.dicom.group.equipment',
}

/**
 * The side panel's DICOM section: the main tags by group (patient, study, series, image, equipment) as people read
 * them, which frame of the file this is, and every tag of the file on request. Present for DICOM images only.
 */
export function DicomPanel({ display }: { display: DicomDisplay }) {
  const view = useSyncExternalStore(display.subscribe, display.current)
  const [open, setOpen] = useStoredState('loupe.annotate.dicomOpen', true)
  if (view.status === 'idle') return null
  const metadata = view.frame?.metadata ?? null

  return (
    <details
      className="panel-section annotate-details dicom-panel"
      data-testid="dicom-panel"
      aria-busy={view.status === 'loading'}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="panel-heading">
        <h2>{t('annotate.dicom.title')}</h2>
        {metadata?.series.modality && <span className="panel-count">{metadata.series.modality}</span>}
      </summary>
      {view.imageId !== null && (
        <button
          type="button"
          className="button button-small dicom-read-button"
          title={t('annotate.dicom.readSeriesTitle')}
          data-testid="dicom-read-series"
          onClick={() => {
            // The reader takes the place of the workspace; its Annotate button comes back here.
            screens.close('annotate')
            openReader(view.imageId!)
          }}
        >
          {t('annotate.dicom.readSeries')}
        </button>
      )}
      {view.status === 'loading' && <p className="panel-hint">{t('annotate.dicom.reading')}</p>}
      {view.status === 'failed' && !metadata && <p className="panel-hint">{t('annotate.dicom.unreadable', { error: view.error })}</p>}
      {metadata && <MetadataBody metadata={metadata} />}
    </details>
  )
}

function MetadataBody({ metadata }: { metadata: DicomMetadata }) {
  const groups = new Map<MainTag['group'], MainTag[]>()
  for (const tag of metadata.main) groups.set(tag.group, [...(groups.get(tag.group) ?? []), tag])
  return (
    <div data-testid="dicom-metadata" data-series-uid={metadata.series.uid ?? ''}>
      {metadata.warnings.map((warning) => (
        <p key={warning} className="dicom-warning">
          {warning}
        </p>
      ))}
      {[...groups].map(([group, tags]) => (
        <Fragment key={group}>
          <h3 className="dicom-group">{t(GROUP_NAMES[group])}</h3>
          <dl className="metadata">
            {tags.map((tag) => (
              <Fragment key={tag.keyword}>
                <dt title={tag.name}>{tag.name}</dt>
                <dd data-testid="dicom-main" data-keyword={tag.keyword} title={tag.value}>
                  {formatTagValue(tag.keyword, tag.value)}
                </dd>
              </Fragment>
            ))}
            {group === 'Image' && <FileFacts metadata={metadata} />}
          </dl>
        </Fragment>
      ))}
      {/* i18n-exempt: a group's id */}
      {!groups.has('Image') && (
        <dl className="metadata">
          <FileFacts metadata={metadata} />
        </dl>
      )}
      <DicomTagList tags={metadata.tags} />
    </div>
  )
}

/** Which frame of the file this image is, and how the file is encoded. */
function FileFacts({ metadata }: { metadata: DicomMetadata }) {
  return (
    <>
      {metadata.frames > 1 && (
        <>
          <dt>{t('annotate.dicom.frame')}</dt>
          <dd data-testid="dicom-frame" data-frame={metadata.frame}>
            {t('annotate.dicom.frameOf', { frame: metadata.frame + 1, frames: metadata.frames })}
          </dd>
        </>
      )}
      <dt>{t('annotate.dicom.transferSyntax')}</dt>
      <dd data-testid="dicom-transfer-syntax" title={metadata.transferSyntax.uid}>
        {metadata.transferSyntax.name}
      </dd>
    </>
  )
}
