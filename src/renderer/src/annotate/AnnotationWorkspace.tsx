import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { Box, BoxSuggestion, Label } from '../../../shared/api/schemas'
import type { ImagePageCache } from '../catalog/ImagePageCache'
import { useClient } from '../client/ClientContext'
import { useActiveDetector } from '../detector/useActiveDetector'
import { useToasts } from '../feedback/ToastContext'
import { ImageMetadata } from '../viewer/ImageMetadata'
import { AnnotationCanvas } from './AnnotationCanvas'
import { AnomalyPanel } from './AnomalyPanel'
import { AnnotationStore } from './AnnotationStore'
import { BoxList } from './BoxList'
import type { CanvasTool } from './canvasTool'
import { ClassPicker } from './ClassPicker'
import { DicomPanel } from './dicom/DicomPanel'
import { DicomStageOverlay } from './dicom/DicomStageOverlay'
import { useDicomDisplay } from './dicom/useDicomDisplay'
import { NO_LABEL_COLOR } from './drawing'
import type { Rect } from './geometry'
import { HelpOverlay } from './HelpOverlay'
import { ImageElementMount } from './ImageElementMount'
import { ImagePreloader } from './ImagePreloader'
import { ImageStatePanel } from './ImageStatePanel'
import { LabelsPanel, type LabelChange } from './LabelsPanel'
import { MaskSurfaces } from './maskSurface'
import { toggledMode, type Mode } from './mode'
import { PredictionPanel } from './PredictionPanel'
import { PrelabelImage } from './PrelabelImage'
import { SuggestionsPanel } from './SuggestionsPanel'
import { useBoxSelection } from './useBoxSelection'
import { useImageDetail } from './useImageDetail'
import { useHeatmapOverlay } from './useHeatmapOverlay'
import { useImageEditing } from './useImageEditing'
import { useImageNavigation } from './useImageNavigation'
import { useImagePrefetch } from './useImagePrefetch'
import { usePolygonTool } from './usePolygonTool'
import { useLabelChoice } from './useLabelChoice'
import { useLabelList } from './useLabelList'
import { useMaskTool } from './useMaskTool'
import { useShownSuggestions } from './useShownSuggestions'
import { useStageImage } from './useStageImage'
import { useDetectionsShown } from './useDetectionsShown'
import { useSuggestions } from './useSuggestions'
import { useWorkspaceKeys } from './useWorkspaceKeys'
import { Viewport } from './Viewport'
import { WorkspaceHeader } from './WorkspaceHeader'
import { WorkspaceToolbar } from './WorkspaceToolbar'
import '../viewer/viewer.css'
import './annotate.css'
import { t } from '../i18n/t'

interface Props {
  cache: ImagePageCache
  /** Where the image is in the library's current order. */
  index: number
  /**
   * The image being labelled. It stays on screen even if an edit takes it out of the library's filter (labelling an
   * image shown under "Unlabelled", say); the next image is then the one that took its place.
   */
  imageId: number | null
  /** The catalogue revision: changes made elsewhere (label merges, imports) are fetched again. */
  revision: number
  labels: readonly Label[]
  /** Opened on what the box detector found: each image shows the active detector's boxes as suggestions. */
  showDetections?: boolean
  onNavigate(index: number, imageId: number): void
  onClose(): void
}

/**
 * The annotation workspace: the library's viewer, grown into the place where images are labelled. The canvas on
 * the left, and on the right the image's status and tags, the labels, its boxes and its details.
 */
export function AnnotationWorkspace({ cache, index, imageId: pinnedId, revision, labels: initialLabels, showDetections = false, onNavigate, onClose }: Props) {
  const client = useClient()
  const { reportError, notify } = useToasts()
  const store = useMemo(() => new AnnotationStore((imageId) => client.api.annotations.get({ imageId })), [client])
  const preloader = useMemo(() => new ImagePreloader((imageId) => client.mediaUrl('image', imageId)), [client])
  const viewport = useMemo(() => new Viewport(), [])
  useEffect(() => () => preloader.dispose(), [preloader])
  const { labels, refresh: refreshLabels } = useLabelList(revision, initialLabels)

  const { imageId, listed, inPlace, total, nextIndex, step, previousImageId } = useImageNavigation(cache, index, pinnedId, onNavigate)
  useImagePrefetch({ cache, index, nextIndex, imageId, revision, store, preloader })
  const annotations = useSyncExternalStore(store.subscribe, () => (imageId === null ? null : store.get(imageId)))
  const detail = useImageDetail(imageId, revision)
  // DICOM frames are shown through the viewer's own window/level once their values are here (the PNG until then).
  const dicom = useDicomDisplay(viewport, imageId, detail ? detail.format === 'dicom' : null, cache.item(nextIndex)?.id, cache.item(index - 1)?.id)
  const stage = useStageImage(preloader, imageId, dicom.source)
  const stageRef = useRef<HTMLDivElement>(null)

  const [mode, setMode] = useState<Mode>('select')
  const [boxesHidden, setBoxesHidden] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const [dialogOpen, setDialogOpen] = useState(false)
  // Where the class picker is open: under the toolbar's label chip, or in the row of the box it changes.
  const [classPicker, setClassPicker] = useState<{ at: 'toolbar' } | { at: 'row'; boxId: number } | null>(null)
  const editing = useImageEditing(store, imageId)
  const labelChoice = useLabelChoice(labels)
  const boxes = useMemo(() => annotations?.boxes ?? [], [annotations])
  const { selectedId, selectedBox, select, selectDrawn } = useBoxSelection(store, imageId, boxes)
  const suggestions = useSuggestions(store, imageId)
  const trainedDetector = useActiveDetector()
  useDetectionsShown(showDetections, trainedDetector !== null, imageId, suggestions)
  const shownSuggestions = useShownSuggestions(suggestions.pending, boxesHidden)

  const { hidden, current: currentLabel } = labelChoice

  // The anomaly heat map, and its hot regions as more box suggestions.
  const heatmap = useHeatmapOverlay(imageId, labels, currentLabel, editing)
  const defects = heatmap.defects
  const defectsShown = boxesHidden ? NO_SUGGESTIONS : defects.pending
  const canvasSuggestions = useMemo(() => [...shownSuggestions.shown, ...defectsShown], [shownSuggestions.shown, defectsShown])
  const highlightedSuggestion = shownSuggestions.highlighted ?? defectsShown[0] ?? null
  // Detector suggestions have positive ids, anomaly regions negative ones (see useAnomalySuggestions).
  const acceptSuggestions = useCallback(
    (ids: readonly number[]) => {
      const detected = ids.filter((id) => id > 0)
      const regions = ids.filter((id) => id < 0)
      if (detected.length > 0) suggestions.accept(detected)
      if (regions.length > 0) defects.accept(regions)
    },
    [suggestions, defects],
  )
  const colors = useMemo(() => new Map(labels.map((label) => [label.name, label.color])), [labels])
  const visibleBoxes = useMemo(
    () => (boxesHidden ? [] : boxes.filter((box) => box.label === null || !hidden.has(box.label))),
    [boxes, hidden, boxesHidden],
  )
  const boxesHere = useMemo(() => countByLabel(boxes), [boxes])
  const prediction = detail?.prediction ?? null
  const masks = useMemo(() => new MaskSurfaces(), [])
  const maskTool = useMaskTool({
    mode,
    imageWidth: annotations?.width ?? 0,
    imageHeight: annotations?.height ?? 0,
    selectedBox,
    color: currentLabel?.color ?? NO_LABEL_COLOR,
    label: currentLabel?.name ?? null,
    surfaces: masks,
    editing,
    select,
    selectDrawn,
  })

  const draw = useCallback(
    (rect: Rect) => {
      const { temporaryId, saved } = editing.draw(rect, currentLabel?.name ?? null)
      // The new box is selected at once, so a hotkey pressed right after drawing gives it its label.
      selectDrawn(temporaryId, saved)
    },
    [editing, currentLabel, selectDrawn],
  )

  const chooseLabel = (name: string) => {
    labelChoice.setCurrent(name)
    if (selectedBox && selectedBox.label !== name) editing.relabel(selectedBox.id, name)
  }
  const closeClassPicker = useCallback(() => setClassPicker(null), [])
  const classPickerElement = (placement: 'above' | 'below') => (
    <ClassPicker labels={labels} placement={placement} onPick={chooseLabel} onClose={closeClassPicker} />
  )

  const toggleTag = useCallback(
    (name: string) => {
      if (!annotations) return
      const tags = annotations.tags.includes(name) ? annotations.tags.filter((tag) => tag !== name) : [...annotations.tags, name]
      editing.setTags(tags)
    },
    [annotations, editing],
  )

  const acceptPrediction = () => {
    if (!prediction) notify(t('annotate.notice.noPrediction'))
    else if (annotations?.tags.includes(prediction.label)) notify(t('annotate.notice.alreadyTagged', { label: prediction.label }))
    else editing.acceptPrediction(prediction.label)
  }

  const copyPrevious = () => {
    void previousImageId().then((from) => (from === null ? notify(t('annotate.notice.noPreviousImage')) : editing.copyFrom(from)))
  }

  const onLabelChanged = (change: LabelChange) => {
    void refreshLabels()
    labelChoice.follow(change)
    if (change.kind === 'created' || change.kind === 'updated') return
    // Renames, merges and deletions change boxes on any number of images.
    store.markAllStale()
    if (imageId !== null) store.load(imageId, true).catch(reportError)
  }

  // Stable for the memoised canvas and box rows: they change only with the image.
  const onSelectRow = useCallback(
    (box: Box) => {
      select(box.id)
      viewport.reveal(box)
    },
    [select, viewport],
  )
  const openRowPicker = useCallback((box: Box) => setClassPicker({ at: 'row', boxId: box.id }), [])
  const pickSuggestion = useCallback((id: number) => acceptSuggestions([id]), [acceptSuggestions])

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
      toggleTool: (tool) => setMode((current) => toggledMode(current, tool)),
      stepBrushSize: maskTool.stepSize,
      toggleCrowd: () => {
        if (!selectedBox) notify(t('annotate.notice.selectForCrowd'))
        else editing.setCrowd(selectedBox.id, !selectedBox.crowd)
      },
      chooseLabelByHotkey: (digit) => {
        const label = labels.find((candidate) => candidate.hotkey === digit)
        if (label) chooseLabel(label.name)
        else notify(t('annotate.notice.noLabelForHotkey', { digit }))
      },
      openClassPicker: () => setClassPicker({ at: 'toolbar' }),
      toggleTagByHotkey: (digit) => {
        const label = labels.find((candidate) => candidate.hotkey === digit)
        if (label) toggleTag(label.name)
      },
      deleteSelected: () => {
        if (selectedId === null) return
        editing.remove(selectedId)
        select(null)
      },
      undo: () => editing.undo(),
      redo: () => editing.redo(),
      copyPrevious,
      toggleBoxes: () => setBoxesHidden((current) => !current),
      toggleHelp: () => setHelpOpen((open) => !open),
      acceptPrediction,
      acceptSuggestion: (all) => {
        const ids = (all ? canvasSuggestions : highlightedSuggestion ? [highlightedSuggestion] : []).map((suggestion) => suggestion.id)
        if (ids.length === 0) notify(t('annotate.notice.nothingToAccept'))
        else acceptSuggestions(ids)
      },
      rejectSuggestion: () => {
        if (!highlightedSuggestion) notify(t('annotate.notice.nothingToReject'))
        else if (highlightedSuggestion.id < 0) defects.reject([highlightedSuggestion.id])
        else suggestions.reject([highlightedSuggestion.id])
      },
      toggleHeatmap: () => {
        if (heatmap.available) heatmap.toggle()
        else notify(t('annotate.notice.noAnomalyModel'))
      },
      windowLevelKey: (key) => dicom.display.handleKey(key),
      escape: () => {
        if (helpOpen) setHelpOpen(false)
        else if (selectedId !== null) select(null)
        else if (mode !== 'select') setMode('select')
        else return false
        return true
      },
      close: onClose,
    },
  })

  const summary = inPlace ? listed : undefined
  const width = summary?.width ?? annotations?.width ?? detail?.width ?? 0
  const height = summary?.height ?? annotations?.height ?? detail?.height ?? 0
  const fileName = summary?.fileName ?? detail?.fileName ?? ''
  const drawColor = currentLabel?.color ?? NO_LABEL_COLOR

  const colorOf = useCallback((label: string | null) => (label === null ? NO_LABEL_COLOR : (colors.get(label) ?? NO_LABEL_COLOR)), [colors])
  const polygons = usePolygonTool({
    mode,
    imageId,
    imageWidth: width,
    imageHeight: height,
    editing,
    selectedBox,
    label: currentLabel?.name ?? null,
    drawColor,
    colorOf,
    selectDrawn,
  })
  // What takes presses on the canvas before its box gestures, by mode (see CanvasTool): the brush or eraser, else
  // the polygon tool or the selected polygon's point editor.
  const canvasTool: CanvasTool | null = maskTool.tool ?? polygons.tool

  return (
    <div className="viewer annotate" role="dialog" aria-modal="true" aria-label={fileName || t('annotate.workspace.unnamedImage')} data-testid="viewer">
      <WorkspaceHeader fileName={fileName} index={index} total={total} hasPrevious={index > 0} hasNext={nextIndex < total} onStep={(delta) => void step(delta)} onClose={onClose}>
        <WorkspaceToolbar
          mode={mode}
          onMode={setMode}
          currentLabel={currentLabel}
          drawColor={drawColor}
          classPicker={classPicker?.at === 'toolbar' && classPickerElement('below')}
          onOpenClassPicker={() => setClassPicker({ at: 'toolbar' })}
          canUndo={annotations?.canUndo ?? false}
          canRedo={annotations?.canRedo ?? false}
          onUndo={() => editing.undo()}
          onRedo={() => editing.redo()}
          onCopyPrevious={index === 0 ? null : () => void previousImageId().then((from) => from !== null && editing.copyFrom(from))}
          viewport={viewport}
          onHelp={() => setHelpOpen(true)}
          heatmap={heatmap.available ? { shown: heatmap.on, onToggle: heatmap.toggle } : null}
          brushSize={maskTool.tool ? { size: maskTool.size, onSize: maskTool.setSize } : null}
        />
      </WorkspaceHeader>
      <div className="viewer-body">
        <div className="annotate-stage" ref={stageRef} data-polygon-points={polygons.pointsPlaced}>
          {imageId !== null && width > 0 && height > 0 ? (
            <AnnotationCanvas
              imageId={imageId}
              imageWidth={width}
              imageHeight={height}
              source={stage.source}
              ready={stage.complete && annotations !== null}
              boxes={visibleBoxes}
              selectedId={selectedId}
              colors={colors}
              drawColor={drawColor}
              mode={mode}
              tool={canvasTool}
              masks={masks}
              viewport={viewport}
              onDraw={draw}
              onSelect={select}
              onChangeBox={editing.reshape}
              suggestions={canvasSuggestions}
              highlightedSuggestionId={highlightedSuggestion?.id ?? null}
              onPickSuggestion={pickSuggestion}
              heatmap={heatmap.canvas}
            />
          ) : (
            <div className="annotate-canvas" data-testid="annotate-canvas" aria-busy="true" />
          )}
          {stage.failed && (
            <p className="stage-message">
              {detail?.missing || listed?.missing
                ? t('annotate.stage.fileMissing')
                : t('annotate.stage.cannotDisplay')}
            </p>
          )}
          {boxesHidden && <p className="stage-note">{t('annotate.stage.boxesHidden')}</p>}
          <DicomStageOverlay display={dicom.display} viewport={viewport} stageRef={stageRef} mode={mode} />
          <ImageElementMount element={stage.element} />
        </div>
        <aside className="annotate-panel" data-testid="annotate-panel" onPointerUp={blurClickedButton}>
          {/* The boxes come first: they are what is edited most, and the tag and label lists can be long. */}
          <BoxList
            boxes={boxes}
            selectedId={selectedId}
            colors={colors}
            hidden={hidden}
            onSelect={onSelectRow}
            onDelete={editing.remove}
            onSetCrowd={editing.setCrowd}
            picking={classPicker?.at === 'row' ? { boxId: classPicker.boxId, picker: classPickerElement('below') } : null}
            onPickClass={openRowPicker}
          />
          <ImageStatePanel
            status={annotations?.status ?? null}
            tags={annotations?.tags ?? []}
            labels={labels}
            onStatus={(status) => void editing.setStatus(status)}
            onToggleTag={toggleTag}
          />
          <LabelsPanel
            labels={labels}
            boxesHere={boxesHere}
            currentLabel={currentLabel?.name ?? null}
            hidden={hidden}
            onUse={chooseLabel}
            onToggleHidden={labelChoice.toggleHidden}
            onChanged={onLabelChanged}
            onDialog={setDialogOpen}
          />
          {prediction && (
            <PredictionPanel prediction={prediction} tags={annotations?.tags ?? []} color={colors.get(prediction.label)} onAccept={acceptPrediction} />
          )}
          {imageId !== null && (
            <PrelabelImage
              detecting={suggestions.detecting?.imageId === imageId ? suggestions.detecting.source : null}
              again={suggestions.pending.length > 0}
              trained={trainedDetector}
              onDetect={suggestions.detect}
            />
          )}
          {suggestions.pending.length > 0 && (
            <SuggestionsPanel
              pending={suggestions.pending}
              threshold={shownSuggestions.threshold}
              highlightedId={shownSuggestions.highlighted?.id ?? null}
              colors={colors}
              onThreshold={shownSuggestions.setThreshold}
              onAccept={suggestions.accept}
              onReject={suggestions.reject}
            />
          )}
          {heatmap.on && (
            <AnomalyPanel
              heatmap={heatmap.map.heatmap}
              error={heatmap.map.error}
              loading={heatmap.map.loading}
              opacity={heatmap.opacity}
              onOpacity={heatmap.setOpacity}
              defectClass={heatmap.defectClass}
              labels={labels}
              onDefectClass={heatmap.setDefectClass}
            />
          )}
          {defectsShown.length > 0 && (
            <SuggestionsPanel
              title={t('annotate.defects.title')}
              testId="defect-suggestions"
              pending={defectsShown}
              highlightedId={highlightedSuggestion?.id ?? null}
              colors={colors}
              onAccept={defects.accept}
              onReject={defects.reject}
            />
          )}
          <DicomPanel display={dicom.display} />
          <details className="panel-section annotate-details">
            <summary className="panel-heading">
              <h2>{t('annotate.workspace.imageDetails')}</h2>
            </summary>
            <ImageMetadata detail={detail} labels={labels} />
          </details>
        </aside>
      </div>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  )
}

const NO_SUGGESTIONS: readonly BoxSuggestion[] = []

/** After a click, a panel button lets go of the focus, so Space and Enter go back to being workspace shortcuts. */
function blurClickedButton() {
  const focused = document.activeElement
  if (focused instanceof HTMLButtonElement) focused.blur()
}

/** Boxes of each label on the image. */
function countByLabel(boxes: readonly Box[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const box of boxes) if (box.label !== null) counts.set(box.label, (counts.get(box.label) ?? 0) + 1)
  return counts
}
