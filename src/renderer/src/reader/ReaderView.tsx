import { useEffect, useState, type ReactNode } from 'react'
import { ScanExportDialog } from '../dicom-export/ScanExportDialog'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { seriesName } from '../format/dicomText'
import { t } from '../i18n/t'
import { IndexingStatus } from '../indexing/IndexingStatus'
import { screens } from '../screens/screens'
import { annotateStack } from './annotateSlices'
import { ComparePicker } from './ComparePicker'
import { canLinkByPosition, linkedIndex, linkModeOf } from './linkedSlices'
import type { ReaderParams } from './readerScreen'
import { ReaderToolbar } from './ReaderToolbar'
import { ReaderViewport } from './ReaderViewport'
import { useReaderKeys } from './useReaderKeys'
import { useReaderPane, type ReaderPane } from './useReaderPane'
import { fitTransform, zoomAbout } from './viewTransform'
import type { MeasureTool, ViewportSurface } from './viewportSurface'
import './reader.css'

/** What the measurement tools get of the reader: the active viewport's series and slice, and a way to another slice. */
export interface ReaderReading {
  /** The slice shown in the active viewport (null while its series loads). */
  imageId: number | null
  /** Every slice of that series, in reading order. */
  sliceImageIds: readonly number[]
  /** Goes to a slice of the active viewport's series (a measurement's, from the list). */
  goToImage(imageId: number): void
  /** The reader has the keyboard (nothing covers it, none of its dialogs is open): the tools' keys are live. */
  keysActive: boolean
}

/**
 * The measurement slot, filled in by the measurement tools: the tool chosen (a left drag then draws instead of
 * windowing), the Konva layers each viewport draws over its slice, the tool group in the toolbar and the list beside
 * the viewports.
 */
export interface ReaderMeasureSlot {
  tool: MeasureTool | null
  renderLayers?: (surface: ViewportSurface) => ReactNode
  toolbar?: ReactNode
  side?: ReactNode
}

interface Props {
  params: ReaderParams
  /** Nothing covers the reader and no dialog of the app's is open: its keys are live. */
  active: boolean
  /**
   * Called on every render of the reader with what is read now; gives the measurement slot. It may be a hook (the
   * measurement tools' useReaderMeasurements): pass the same one for the reader's whole life, or none.
   */
  measure?: (reading: ReaderReading) => ReaderMeasureSlot
}

type PaneKey = 'primary' | 'compare'

const KEY_ZOOM_FACTOR = 1.25

/**
 * The reader: one DICOM series (or two side by side) scrolled, windowed, zoomed and played slice by slice, with the
 * corner overlays of a reading viewer. The active viewport (clicked last) takes the keys and the toolbar.
 */
export function ReaderView({ params, active, measure }: Props) {
  const client = useClient()
  const { reportError } = useToasts()
  const primary = useReaderPane(params.imageId)
  const compare = useReaderPane(params.compareImageId ?? null)
  const [activeKey, setActiveKey] = useState<PaneKey>('primary')
  const [picking, setPicking] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [linked, setLinked] = useState(true)
  /** The person says the two series' frames of reference line up, so positions compare. */
  const [forcePosition, setForcePosition] = useState(false)
  const current: ReaderPane = activeKey === 'compare' && compare ? compare : primary
  const other = current === primary ? compare : primary

  // Linked scrolling: the other viewport follows the active one's slice.
  const linkMode = primary.stack && compare?.stack ? linkModeOf(primary.stack, compare.stack, forcePosition) : null
  const canForce = primary.stack && compare?.stack ? canLinkByPosition(primary.stack, compare.stack) && linkModeOf(primary.stack, compare.stack) === 'fraction' : false
  const leaderStack = current.stack
  const followerStack = other?.stack ?? null
  const followerGoTo = other?.model.goTo
  useEffect(() => {
    if (!linked || !linkMode || !leaderStack || !followerStack || !followerGoTo) return
    followerGoTo(linkedIndex(leaderStack, current.index, followerStack, linkMode))
  }, [linked, linkMode, leaderStack, followerStack, followerGoTo, current.index])

  // Cine stops while another screen covers the reader (the annotation workspace opened from it).
  const primaryModel = primary.model
  const compareModel = compare?.model
  useEffect(() => {
    if (active) return
    primaryModel.pause()
    compareModel?.pause()
  }, [active, primaryModel, compareModel])

  const keysActive = active && !picking && !exporting
  const reading: ReaderReading = {
    keysActive,
    imageId: current.stack?.slices[current.index]?.imageId ?? null,
    sliceImageIds: current.stack?.slices.map((slice) => slice.imageId) ?? [],
    goToImage: (imageId) => {
      const at = current.stack?.slices.findIndex((slice) => slice.imageId === imageId) ?? -1
      if (at >= 0) current.model.goTo(at)
    },
  }
  const slot = measure?.(reading)

  const zoom = (direction: 1 | -1) => {
    const element = document.querySelector<HTMLElement>(`[data-pane="${current === primary ? 'primary' : 'compare'}"] .reader-stage`)
    const shown = current.shown
    if (!element || !shown) return
    const size = { width: element.clientWidth, height: element.clientHeight }
    const view = current.view ?? fitTransform(size, { width: shown.info.width, height: shown.info.height })
    current.model.setView(zoomAbout(view, { x: size.width / 2, y: size.height / 2 }, direction > 0 ? KEY_ZOOM_FACTOR : 1 / KEY_ZOOM_FACTOR))
  }
  const close = () => screens.close('reader')

  const { model } = current
  useReaderKeys(keysActive, {
    step: model.step,
    first: model.first,
    last: model.last,
    toggleCine: model.toggleCine,
    zoom,
    fit: () => model.setView(null),
    preset: model.applyPreset,
    invert: model.toggleInvert,
    reset: model.reset,
    toggleOverlays: model.toggleOverlays,
    compare: () => setPicking(true),
    close,
  })

  const stack = primary.stack
  const title = stack ? seriesName(stack) : t('reader.view.untitled')
  const shownId = current.shown?.imageId ?? null
  const panes: [PaneKey, ReaderPane][] = compare ? [['primary', primary], ['compare', compare]] : [['primary', primary]]

  return (
    <div className="viewer reader" role="dialog" aria-modal="true" aria-label={t('reader.view.label', { series: title })} data-testid="reader">
      <header className="viewer-header">
        <button type="button" className="icon-button" aria-label={t('reader.view.back')} title={t('reader.view.back')} data-testid="reader-close" onClick={close}>
          <span className="glyph glyph-back" aria-hidden="true" />
        </button>
        <h1 className="viewer-title" data-testid="reader-title">
          {title}
        </h1>
        {compare?.stack && <span className="viewer-position">{t('reader.view.beside', { series: seriesName(compare.stack) })}</span>}
        <div className="viewer-nav">
          <IndexingStatus />
        </div>
      </header>
      <ReaderToolbar
        pane={current}
        comparing={compare !== null}
        link={
          linkMode
            ? {
                on: linked,
                byPosition: linkMode === 'position',
                onToggle: () => setLinked((on) => !on),
                onForcePosition: canForce || forcePosition ? () => setForcePosition((on) => !on) : null,
              }
            : null
        }
        onZoom={zoom}
        onFit={() => model.setView(null)}
        onCompare={() => setPicking(true)}
        onExport={() => setExporting(true)}
        onAnnotate={() => current.stack && void annotateStack(client, current.stack, current.index, reportError).catch(reportError)}
        measureTools={slot?.toolbar}
      />
      <div className="reader-body">
        <div className={panes.length > 1 ? 'reader-viewports is-split' : 'reader-viewports'}>
          {panes.map(([key, pane]) => (
            <div key={key} className="reader-pane" data-pane={key}>
              {pane.stackError ? (
                <p className="stage-message" role="alert" data-testid="reader-error">
                  {t('reader.view.stackFailed', { error: pane.stackError })}
                </p>
              ) : (
                <ReaderViewport
                  pane={pane}
                  active={pane === current}
                  outlined={panes.length > 1}
                  onActivate={() => setActiveKey(key)}
                  tool={slot?.tool ?? null}
                  renderLayers={pane === current ? slot?.renderLayers : undefined}
                />
              )}
              {key === 'compare' && (
                <button type="button" className="button button-small reader-pane-close" data-testid="reader-compare-close" onClick={() => { setActiveKey('primary'); screens.update('reader', { compareImageId: undefined }) }}>
                  {t('reader.view.closeCompared')}
                </button>
              )}
            </div>
          ))}
        </div>
        {slot?.side && <aside className="reader-side">{slot.side}</aside>}
      </div>
      {picking && (
        <ComparePicker
          patientId={stack?.patient.id ?? null}
          seriesUid={stack?.seriesUid ?? null}
          onClose={() => setPicking(false)}
          onPick={(imageId) => {
            // The viewport read so far keeps the keys; the new one follows it when linked.
            setPicking(false)
            screens.update('reader', { compareImageId: imageId })
          }}
        />
      )}
      {exporting && shownId !== null && (
        <ScanExportDialog
          imageIds={[shownId]}
          scope={current.stack ? t('reader.view.exportScope', { slice: current.index + 1, series: seriesName(current.stack) }) : t('reader.view.exportScopeUnnamed', { slice: current.index + 1 })}
          view={current.window && current.shown?.info.monochrome ? { window: current.window, invert: current.inverted } : { invert: false }}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  )
}
