import { Fragment, useSyncExternalStore } from 'react'
import type { DicomMetadata } from '../../../../shared/api/schemas'
import { formatTagValue } from '../../format/dicomText'
import { formatCount } from '../../format/numbers'
import { openReader } from '../../reader/readerScreen'
import { screens } from '../../screens/screens'
import { useStoredState } from '../useStoredState'
import type { DicomDisplay } from './DicomDisplay'
import { DicomTagList } from './DicomTagList'

type MainTag = DicomMetadata['main'][number]

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
        <h2>DICOM</h2>
        {metadata?.series.modality && <span className="panel-count">{metadata.series.modality}</span>}
      </summary>
      {view.imageId !== null && (
        <button
          type="button"
          className="button button-small dicom-read-button"
          title="Read this image’s series: scroll its slices, cine, overlays, compare with another series"
          data-testid="dicom-read-series"
          onClick={() => {
            // The reader takes the place of the workspace; its Annotate button comes back here.
            screens.close('annotate')
            openReader(view.imageId!)
          }}
        >
          Read series
        </button>
      )}
      {view.status === 'loading' && <p className="panel-hint">Reading the DICOM header…</p>}
      {view.status === 'failed' && !metadata && <p className="panel-hint">The DICOM header could not be read: {view.error}</p>}
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
          <h3 className="dicom-group">{group}</h3>
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
          <dt>Frame</dt>
          <dd data-testid="dicom-frame" data-frame={metadata.frame}>
            {formatCount(metadata.frame + 1)} of {formatCount(metadata.frames)}
          </dd>
        </>
      )}
      <dt>Transfer syntax</dt>
      <dd data-testid="dicom-transfer-syntax" title={metadata.transferSyntax.uid}>
        {metadata.transferSyntax.name}
      </dd>
    </>
  )
}
