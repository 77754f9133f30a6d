import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react'
import type { Box, ImageDetail, Label, ReviewStatus } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { useToasts } from '../feedback/ToastContext'
import { formatCount } from '../format/numbers'
import type { ImagePageCache } from '../library/ImagePageCache'
import { ImageMetadata } from '../viewer/ImageMetadata'
import { AnnotationCanvas, type Mode } from './AnnotationCanvas'
import { AnnotationStore } from './AnnotationStore'
import { BoxList } from './BoxList'
import { ClassesPanel, type ClassChange } from './ClassesPanel'
import { DicomPanel } from './dicom/DicomPanel'
import { DicomStageOverlay } from './dicom/DicomStageOverlay'
import { useDicomDisplay } from './dicom/useDicomDisplay'
import { NO_CLASS_COLOR } from './drawing'
import type { Rect } from './geometry'
import { HelpOverlay } from './HelpOverlay'
import { ImagePreloader } from './ImagePreloader'
import { ImageStatePanel } from './ImageStatePanel'
import { PredictionPanel } from './PredictionPanel'
import { SuggestionsPanel } from './SuggestionsPanel'
import { useClassList } from './useClassList'
import { useImageEditing } from './useImageEditing'
import { useSuggestions } from './useSuggestions'
import { useStoredState } from './useStoredState'
import { useWorkspaceKeys } from './useWorkspaceKeys'
import { Viewport } from './Viewport'
import { ZoomControls } from './ZoomControls'
import '../viewer/viewer.css'
import './annotate.css'

interface Props {
  cache: ImagePageCache
  /** Where the image is in the library's current order. */
  index: number
  /**
   * The image being labelled. It stays on screen even if an edit takes it out of the library's filter (labelling an
   * image shown under "Unlabelled", say); the next image is then the one that took its place.
   */
  imageId: number | null
  /** The catalogue revision: changes made elsewhere (class merges, imports) are fetched again. */
  revision: number
  labels: readonly Label[]
  onNavigate(index: number, imageId: number): void
  onClose(): void
}

/** Images prefetched ahead of the current one (and one behind), decoded and with their annotations. */
const PREFETCH_AHEAD = 3
/** How far around its old place to look for the current image after the library's order changed. */
const RELOCATE_RADIUS = 5

/**
 * The annotation workspace: the library's viewer, grown into the place where images are labelled. The canvas on
 * the left, and on the right the image's status and tags, the classes, its boxes and its details.
 */
export function AnnotationWorkspace({ cache, index, imageId: pinnedId, revision, labels: initialLabels, onNavigate, onClose }: Props) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const store = useMemo(() => new AnnotationStore((imageId) => client.api.annotations.get({ imageId })), [client])
  const preloader = useMemo(() => new ImagePreloader((imageId) => client.mediaUrl('image', imageId)), [client])
  const viewport = useMemo(() => new Viewport(), [])
  const { labels, refresh: refreshLabels } = useClassList(revision, initialLabels)

  const listed = cache.item(index)
  const imageId = pinnedId ?? listed?.id ?? null
  /** Whether the image is still at `index` in the library's order (an edit can take it out of the filter). */
  const inPlace = listed?.id === imageId
  const summary = inPlace ? listed : undefined
  const total = cache.total ?? 0

  const annotations = useSyncExternalStore(store.subscribe, () => (imageId === null ? null : store.get(imageId)))
  // The image's load state, and whether its decoded bitmap is ready (either change re-renders).
  const fullImage = useSyncExternalStore(preloader.subscribe, () => {
    const image = imageId === null ? undefined : preloader.peek(imageId)
    return image ? `${image.state}${image.bitmap ? '+bitmap' : ''}` : undefined
  })
  const thumbnail = useThumbnail(imageId === null ? null : client.mediaUrl('thumb', imageId))
  const detail = useImageDetail(imageId, revision)

  const [selection, setSelection] = useState<{ imageId: number; boxId: number } | null>(null)
  const [mode, setMode] = useState<Mode>('select')
  const [currentClass, setCurrentClass] = useStoredState<string | null>('loupe.annotate.class', null)
  const [hiddenList, setHiddenList] = useStoredState<string[]>('loupe.annotate.hidden', [])
  const [boxesHidden, setBoxesHidden] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [dialogOpen, setDialogOpen] = useState(false)
  const editing = useImageEditing(store, imageId)
  const suggestions = useSuggestions(store, imageId)
  const [suggestionThreshold, setSuggestionThreshold] = useStoredState('loupe.annotate.suggestionThreshold', 0.5)

  const hidden = useMemo(() => new Set(hiddenList), [hiddenList])
  const colors = useMemo(() => new Map(labels.map((label) => [label.name, label.color])), [labels])
  const currentLabel = labels.find((label) => label.name === currentClass) ?? null
  const boxes = useMemo(() => annotations?.boxes ?? [], [annotations])
  const visibleBoxes = useMemo(
    () => (boxesHidden ? [] : boxes.filter((box) => box.label === null || !hidden.has(box.label))),
    [boxes, hidden, boxesHidden],
  )
  // Suggestions above the threshold are drawn and acted on; the best one is what Y and N take.
  const shownSuggestions = useMemo(
    () => (boxesHidden ? [] : suggestions.pending.filter((suggestion) => suggestion.score >= suggestionThreshold)),
    [suggestions.pending, suggestionThreshold, boxesHidden],
  )
  const highlightedSuggestion = shownSuggestions[0] ?? null
  const pickSuggestion = useCallback((id: number) => suggestions.accept([id]), [suggestions])
  const rawSelected = selection && selection.imageId === imageId ? selection.boxId : null
  // A box selected while it was being saved keeps its selection under the id it was saved as.
  const selectedId = rawSelected === null ? null : boxes.some((box) => box.id === rawSelected) ? rawSelected : store.resolvedId(rawSelected)
  const selectedBox = boxes.find((box) => box.id === selectedId) ?? null
  const boxesHere = useMemo(() => {
    const counts = new Map<string, number>()
    for (const box of boxes) if (box.label !== null) counts.set(box.label, (counts.get(box.label) ?? 0) + 1)
    return counts
  }, [boxes])

  useEffect(() => () => preloader.dispose(), [preloader])

  // The image and its annotations, then the neighbours': the next few in order and the previous one.
  useEffect(() => {
    if (imageId === null) return
    preloader.prefer(imageId)
    store.load(imageId).catch(reportError)
  }, [imageId, preloader, store, reportError])

  const nextIndex = inPlace ? index + 1 : index
  // DICOM frames are shown through the viewer's own window/level once their values are here (the PNG until then).
  const stageRef = useRef<HTMLDivElement>(null)
  const isDicom = detail?.id === imageId ? detail.format === 'dicom' : null
  const dicom = useDicomDisplay(viewport, imageId, isDicom, [cache.item(nextIndex)?.id, cache.item(index - 1)?.id])
  useEffect(() => {
    if (imageId === null || cache.total === null) return
    let cancelled = false
    const last = Math.min(cache.total - 1, nextIndex + PREFETCH_AHEAD - 1)
    const first = Math.max(0, index - 1)
    if (last < first) return
    cache.range(first, last).then((items) => {
      if (cancelled) return
      const ahead = items.filter((item) => item.id !== imageId)
      // Nearest first: the very next image matters most. The one behind goes last.
      const ordered = [...ahead.filter((_, i) => first + i >= nextIndex), ...ahead.filter((_, i) => first + i < nextIndex)]
      preloader.want([imageId, ...ordered.map((item) => item.id)])
      for (const item of ordered) store.load(item.id).catch(() => {})
    }, () => {})
    return () => {
      cancelled = true
    }
  }, [cache, cache.total, index, nextIndex, imageId, preloader, store])

  // Changes made elsewhere: what is cached may be out of date. The current image is fetched again now, the others
  // when next needed (showing what is known meanwhile, so stepping stays instant).
  const firstRevision = useRef(revision)
  useEffect(() => {
    if (revision === firstRevision.current) return
    store.markAllStale()
    if (imageId !== null) store.load(imageId, true).catch(() => {})
    // Only the revision starts this (the image changing has its own effect), hence imageId is not a dependency.
  }, [revision, store])

  // When the library's order shifts under the image (its page reloaded after an edit), follow it to its new place.
  useEffect(() => {
    if (imageId === null || inPlace) return
    for (let distance = 1; distance <= RELOCATE_RADIUS; distance++) {
      for (const candidate of [index - distance, index + distance]) {
        if (candidate >= 0 && cache.item(candidate)?.id === imageId) return onNavigate(candidate, imageId)
      }
    }
  })

  const step = useCallback(
    async (delta: 1 | -1) => {
      const target = delta > 0 ? nextIndex : index - 1
      if (target < 0 || target >= total) {
        notify(delta > 0 ? 'This is the last image' : 'This is the first image')
        return
      }
      const at = async (i: number) => cache.item(i) ?? (await cache.range(i, i))[0]
      let item = await at(target)
      // The order may have shifted under the image without it being found yet: never "step" onto itself.
      if (item?.id === imageId && target + delta >= 0 && target + delta < total) item = await at(target + delta)
      if (item && item.id !== imageId) onNavigate(cache.item(target)?.id === item.id ? target : target + delta, item.id)
    },
    [cache, index, nextIndex, total, notify, onNavigate, imageId],
  )

  const previousImageId = async (): Promise<number | null> => {
    if (index - 1 < 0) return null
    return (cache.item(index - 1) ?? (await cache.range(index - 1, index - 1))[0])?.id ?? null
  }

  const select = useCallback((boxId: number | null) => setSelection(boxId === null || imageId === null ? null : { imageId, boxId }), [imageId])

  const draw = useCallback(
    (rect: Rect) => {
      if (imageId === null) return
      // Only a class that exists: one remembered from an earlier session may have been deleted since.
      const { temporaryId, saved } = editing.draw(rect, currentLabel?.name ?? null)
      // The new box is selected at once, so a hotkey pressed right after drawing gives it its class.
      setSelection({ imageId, boxId: temporaryId })
      void saved.then((id) =>
        setSelection((current) =>
          current?.imageId === imageId && current.boxId === temporaryId ? (id === null ? null : { imageId, boxId: id }) : current,
        ),
      )
    },
    [editing, currentLabel, imageId],
  )

  const useClass = useCallback(
    (name: string) => {
      setCurrentClass(name)
      if (selectedBox && selectedBox.label !== name) editing.relabel(selectedBox.id, name)
    },
    [selectedBox, editing, setCurrentClass],
  )

  const toggleTag = useCallback(
    (name: string) => {
      if (!annotations) return
      const tags = annotations.tags.includes(name) ? annotations.tags.filter((tag) => tag !== name) : [...annotations.tags, name]
      editing.setTags(tags)
    },
    [annotations, editing],
  )

  const prediction = detail?.id === imageId ? (detail.prediction ?? null) : null
  const acceptPrediction = () => {
    if (!prediction) notify('This image has no prediction: train a classifier, and index the image')
    else if (annotations?.tags.includes(prediction.label)) notify(`The image is already tagged “${prediction.label}”`)
    else editing.acceptPrediction(prediction.label)
  }

  const toggleHidden = useCallback(
    (name: string) => setHiddenList((list) => (list.includes(name) ? list.filter((entry) => entry !== name) : [...list, name])),
    [setHiddenList],
  )

  const onClassChanged = useCallback(
    (change: ClassChange) => {
      void refreshLabels()
      if (change.kind === 'created') {
        if (currentClass === null) setCurrentClass(change.name)
        return
      }
      if (change.kind === 'updated') return
      // Renames, merges and deletions change boxes on any number of images.
      store.markAllStale()
      if (imageId !== null) store.load(imageId, true).catch(reportError)
      const gone = change.kind === 'deleted' ? change.name : change.from
      const replacement = change.kind === 'deleted' ? null : change.to
      if (currentClass === gone) setCurrentClass(replacement)
      setHiddenList((list) => list.filter((name) => name !== gone))
    },
    [refreshLabels, currentClass, setCurrentClass, store, imageId, reportError, setHiddenList],
  )

  // Stable callbacks for the memoised box rows, reading the latest state through a ref.
  const latest = useRef({ select, editing, viewport })
  latest.current = { select, editing, viewport }
  const onSelectRow = useCallback((box: Box) => {
    latest.current.select(box.id)
    latest.current.viewport.reveal(box)
  }, [])
  const onDeleteRow = useCallback((boxId: number) => latest.current.editing.remove(boxId), [])

  useWorkspaceKeys({
    active: !dialogOpen,
    helpOpen,
    viewport,
    actions: {
      step: (delta) => void step(delta),
      markReviewedAndNext: () => {
        void editing.setStatus('reviewed').then((ok) => {
          if (ok) void step(1)
        })
      },
      toggleDrawMode: () => setMode((current) => (current === 'draw' ? 'select' : 'draw')),
      useHotkey: (digit) => {
        const label = labels.find((candidate) => candidate.hotkey === digit)
        if (label) useClass(label.name)
        else notify(`No class has the hotkey ${digit}; set one in the Classes panel`)
      },
      toggleTagHotkey: (digit) => {
        const label = labels.find((candidate) => candidate.hotkey === digit)
        if (label) toggleTag(label.name)
      },
      deleteSelected: () => {
        if (selectedId === null) return
        editing.remove(selectedId)
        setSelection(null)
      },
      undo: () => editing.undo(),
      redo: () => editing.redo(),
      copyPrevious: () => {
        void previousImageId().then((from) => (from === null ? notify('There is no previous image to copy from') : editing.copyFrom(from)))
      },
      toggleBoxes: () => setBoxesHidden((current) => !current),
      toggleHelp: () => setHelpOpen((open) => !open),
      acceptPrediction,
      acceptSuggestion: (all) => {
        const ids = (all ? shownSuggestions : shownSuggestions.slice(0, 1)).map((suggestion) => suggestion.id)
        if (ids.length === 0) notify('There is no box suggestion to accept here')
        else suggestions.accept(ids)
      },
      rejectSuggestion: () => {
        if (highlightedSuggestion) suggestions.reject([highlightedSuggestion.id])
        else notify('There is no box suggestion to reject here')
      },
      windowLevelKey: (key) => dicom.display.handleKey(key),
      escape: () => {
        if (helpOpen) setHelpOpen(false)
        else if (selectedId !== null) setSelection(null)
        else if (mode === 'draw') setMode('select')
        else return false
        return true
      },
      close: onClose,
    },
  })

  const width = summary?.width ?? annotations?.width ?? detail?.width ?? 0
  const height = summary?.height ?? annotations?.height ?? detail?.height ?? 0
  const fileName = summary?.fileName ?? (detail?.id === imageId ? detail.fileName : '')
  const full = imageId !== null && fullImage?.startsWith('loaded') ? (preloader.peek(imageId) ?? null) : null
  const fullElement = full?.element ?? null
  const source = dicom.source ?? full?.bitmap ?? fullElement ?? thumbnail
  const ready = (dicom.source !== null || fullElement !== null) && annotations !== null
  const drawColor = currentLabel?.color ?? NO_CLASS_COLOR

  return (
    <div className="viewer annotate" role="dialog" aria-modal="true" aria-label={fileName || 'Image'} data-testid="viewer">
      <header className="viewer-header">
        <button type="button" className="icon-button" aria-label="Back to the library (Esc)" title="Back to the library (Esc)" data-testid="viewer-close" onClick={onClose}>
          <span className="glyph glyph-back" aria-hidden="true" />
        </button>
        <h1 className="viewer-title" data-testid="viewer-title" title={fileName}>
          {fileName}
        </h1>
        <span className="viewer-position" data-testid="viewer-position">
          {formatCount(index + 1)} of {formatCount(total)}
        </span>
        <div className="toolbar" role="toolbar" aria-label="Tools">
          <div className="segmented">
            <button type="button" className={mode === 'select' ? 'tool is-active' : 'tool'} aria-pressed={mode === 'select'} title="Select, move and resize boxes; drag on empty image to draw" aria-label="Select mode" data-testid="mode-select" onClick={() => setMode('select')}>
              <span className="glyph glyph-pointer" aria-hidden="true" />
              <span className="tool-text">Select</span>
            </button>
            <button type="button" className={mode === 'draw' ? 'tool is-active' : 'tool'} aria-pressed={mode === 'draw'} title="Draw boxes anywhere, even over others (W)" aria-label="Draw mode" data-testid="mode-draw" onClick={() => setMode(mode === 'draw' ? 'select' : 'draw')}>
              <span className="glyph glyph-box" aria-hidden="true" />
              <span className="tool-text">Draw</span> <kbd>W</kbd>
            </button>
          </div>
          <span className="current-class" data-testid="current-class" data-label={currentClass ?? ''} style={{ '--label-color': drawColor } as CSSProperties} title="The class the next box gets (1–9 to change)">
            <span className="label-swatch" />
            {currentLabel ? currentLabel.name : 'No class'}
            {currentLabel?.hotkey && <kbd>{currentLabel.hotkey}</kbd>}
          </span>
          <div className="segmented">
            <button type="button" className="tool" disabled={!annotations?.canUndo} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo" onClick={() => editing.undo()}>
              <span className="glyph glyph-undo" aria-hidden="true" />
            </button>
            <button type="button" className="tool" disabled={!annotations?.canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo" onClick={() => editing.redo()}>
              <span className="glyph glyph-redo" aria-hidden="true" />
            </button>
          </div>
          <button
            type="button"
            className="tool"
            disabled={index === 0}
            title="Copy the previous image’s boxes (C)"
            aria-label="Copy the previous image’s boxes"
            data-testid="copy-previous"
            onClick={() => void previousImageId().then((from) => from !== null && editing.copyFrom(from))}
          >
            <span className="glyph glyph-copy" aria-hidden="true" />
            <span className="tool-text">Copy previous</span>
          </button>
          <ZoomControls viewport={viewport} />
          <button type="button" className="tool" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" data-testid="help-button" onClick={() => setHelpOpen(true)}>
            ?
          </button>
        </div>
        <div className="viewer-nav">
          <button type="button" className="icon-button" aria-label="Previous image (A or ←)" title="Previous image (A or ←)" disabled={index === 0} data-testid="viewer-previous" onClick={() => void step(-1)}>
            <span className="glyph glyph-chevron-left" aria-hidden="true" />
          </button>
          <button type="button" className="icon-button" aria-label="Next image (D or →)" title="Next image (D or →)" disabled={nextIndex >= total} data-testid="viewer-next" onClick={() => void step(1)}>
            <span className="glyph glyph-chevron-right" aria-hidden="true" />
          </button>
        </div>
      </header>
      <div className="viewer-body">
        <div className="annotate-stage" ref={stageRef}>
          {imageId !== null && width > 0 && height > 0 ? (
            <AnnotationCanvas
              imageId={imageId}
              imageWidth={width}
              imageHeight={height}
              source={source}
              ready={ready}
              boxes={visibleBoxes}
              selectedId={selectedId}
              colors={colors}
              drawColor={drawColor}
              mode={mode}
              viewport={viewport}
              onDraw={draw}
              onSelect={select}
              onChangeBox={editing.reshape}
              suggestions={shownSuggestions}
              highlightedSuggestionId={highlightedSuggestion?.id ?? null}
              onPickSuggestion={pickSuggestion}
            />
          ) : (
            <div className="annotate-canvas" data-testid="annotate-canvas" aria-busy="true" />
          )}
          {fullImage === 'failed' && (
            <p className="stage-message">
              {detail?.missing || listed?.missing
                ? 'The file is missing from where it was imported, so only its thumbnail can be shown.'
                : 'This image could not be displayed.'}
            </p>
          )}
          {boxesHidden && <p className="stage-note">Boxes hidden — press H to show them</p>}
          <DicomStageOverlay display={dicom.display} viewport={viewport} stageRef={stageRef} mode={mode} />
          {/* The decoded image the canvas draws, kept in the document (hidden) so its load state can be inspected. */}
          <ImageElementMount element={fullElement} />
        </div>
        <aside className="annotate-panel" data-testid="annotate-panel" onPointerUp={blurClickedButton}>
          <ImageStatePanel
            status={annotations?.status ?? null}
            tags={annotations?.tags ?? []}
            labels={labels}
            onStatus={(status: ReviewStatus) => void editing.setStatus(status)}
            onToggleTag={toggleTag}
          />
          <ClassesPanel
            labels={labels}
            boxesHere={boxesHere}
            currentClass={currentClass}
            hidden={hidden}
            onUse={useClass}
            onToggleHidden={toggleHidden}
            onChanged={onClassChanged}
            onDialog={setDialogOpen}
          />
          {prediction && (
            <PredictionPanel prediction={prediction} tags={annotations?.tags ?? []} color={colors.get(prediction.label)} onAccept={acceptPrediction} />
          )}
          {suggestions.pending.length > 0 && (
            <SuggestionsPanel
              pending={suggestions.pending}
              threshold={suggestionThreshold}
              highlightedId={highlightedSuggestion?.id ?? null}
              colors={colors}
              onThreshold={setSuggestionThreshold}
              onAccept={suggestions.accept}
              onReject={suggestions.reject}
            />
          )}
          <BoxList boxes={boxes} selectedId={selectedId} colors={colors} hidden={hidden} onSelect={onSelectRow} onDelete={onDeleteRow} />
          <DicomPanel display={dicom.display} />
          <details className="panel-section annotate-details">
            <summary className="panel-heading">
              <h2>Image details</h2>
            </summary>
            <ImageMetadata detail={detail?.id === imageId ? detail : null} labels={labels} />
          </details>
        </aside>
      </div>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  )
}

/** After a click, a panel button lets go of the focus, so Space and Enter go back to being workspace shortcuts. */
function blurClickedButton() {
  const focused = document.activeElement
  if (focused instanceof HTMLButtonElement) focused.blur()
}

function ImageElementMount({ element }: { element: HTMLImageElement | null }) {
  const ref = useRef<HTMLSpanElement>(null)
  useEffect(() => {
    const holder = ref.current
    if (!holder) return
    if (element) {
      element.dataset.testid = 'viewer-image'
      holder.replaceChildren(element)
    } else {
      holder.replaceChildren()
    }
  }, [element])
  return <span ref={ref} className="stage-source" hidden />
}

function useThumbnail(url: string | null): HTMLImageElement | null {
  const [loaded, setLoaded] = useState<{ url: string; element: HTMLImageElement } | null>(null)
  useEffect(() => {
    if (url === null) return
    let current = true
    const element = new Image()
    element.src = url
    element.decode().then(
      () => current && setLoaded({ url, element }),
      () => {},
    )
    return () => {
      current = false
    }
  }, [url])
  return loaded?.url === url ? loaded.element : null
}

function useImageDetail(imageId: number | null, revision: number): ImageDetail | null {
  const client = useClient()
  const { reportError } = useToasts()
  const [detail, setDetail] = useState<ImageDetail | null>(null)
  useEffect(() => {
    if (imageId === null) return
    let current = true
    client.api.catalog.getImage({ id: imageId }).then(
      (next) => current && setDetail(next),
      (error: unknown) => current && reportError(error),
    )
    return () => {
      current = false
    }
  }, [client, imageId, revision, reportError])
  return detail
}
