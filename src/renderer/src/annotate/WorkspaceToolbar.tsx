import type { CSSProperties, ReactNode } from 'react'
import type { Label } from '../../../shared/api/schemas'
import { toggledMode, type Mode } from './mode'
import type { Viewport } from './Viewport'
import { UndoRedoButtons } from '../ui/UndoRedoButtons'
import { ZoomControls } from './ZoomControls'
import { BRUSH_SIZES } from './useMaskTool'
import '../ui/forms.css'
import { t } from '../i18n/t'

interface Props {
  mode: Mode
  onMode(mode: Mode): void
  /** The label the next box gets, and its colour (a neutral one with none). */
  currentLabel: Label | null
  drawColor: string
  /** The class picker, when it was opened from the label chip or by its key. */
  classPicker: ReactNode
  onOpenClassPicker(): void
  canUndo: boolean
  canRedo: boolean
  onUndo(): void
  onRedo(): void
  /** Null on the first image, which has no previous one to copy from. */
  onCopyPrevious: (() => void) | null
  viewport: Viewport
  onHelp(): void
  /** The anomaly heat map's switch; null while the workspace has no anomaly model. */
  heatmap: { shown: boolean; onToggle(): void } | null
  /** The mask brush's size (diameter, image pixels), while the brush or the eraser is on. */
  brushSize: { size: number; onSize(size: number): void } | null
}

/** The drawing tools after Select, each with its key (useWorkspaceKeys). Messages are looked up when shown. */
const DRAWING_TOOLS = [
  { mode: 'draw', key: 'W', text: () => t('annotate.toolbar.draw'), label: () => t('annotate.toolbar.drawMode'), title: () => t('annotate.toolbar.drawTitle') },
  { mode: 'polygon', key: 'Q', text: () => t('annotate.toolbar.polygon'), label: () => t('annotate.toolbar.polygonMode'), title: () => t('annotate.toolbar.polygonTitle') },
  { mode: 'brush', key: 'B', text: () => t('annotate.toolbar.brush'), label: () => t('annotate.toolbar.brushMode'), title: () => t('annotate.toolbar.brushTitle') },
  { mode: 'eraser', key: 'X', text: () => t('annotate.toolbar.eraser'), label: () => t('annotate.toolbar.eraserMode'), title: () => t('annotate.toolbar.eraserTitle') },
] as const

/** The workspace's tools: select or a drawing tool (box, polygon, brush, eraser), the label drawn with, undo and redo, copying boxes, zoom, and the key list. */
export function WorkspaceToolbar({ mode, onMode, currentLabel, drawColor, classPicker, onOpenClassPicker, canUndo, canRedo, onUndo, onRedo, onCopyPrevious, viewport, onHelp, heatmap, brushSize }: Props) {
  return (
    <div className="toolbar" role="toolbar" aria-label={t('annotate.toolbar.label')}>
      <div className="segmented">
        <button type="button" className={mode === 'select' ? 'tool is-active' : 'tool'} aria-pressed={mode === 'select'} title={t('annotate.toolbar.selectTitle')} aria-label={t('annotate.toolbar.selectMode')} data-testid="mode-select" onClick={() => onMode('select')}>
          <span className="glyph glyph-pointer" aria-hidden="true" />
          <span className="tool-text">{t('annotate.toolbar.select')}</span>
        </button>
        {DRAWING_TOOLS.map((tool) => (
          <button
            key={tool.mode}
            type="button"
            className={mode === tool.mode ? 'tool is-active' : 'tool'}
            aria-pressed={mode === tool.mode}
            title={tool.title()}
            aria-label={tool.label()}
            data-testid={`mode-${tool.mode}`}
            onClick={() => onMode(toggledMode(mode, tool.mode))}
          >
            <span className={`glyph glyph-${tool.mode}`} aria-hidden="true" />
            <span className="tool-text">{tool.text()}</span> <kbd>{tool.key}</kbd>
          </button>
        ))}
      </div>
      {brushSize && (
        <label className="brush-size" title={t('annotate.toolbar.brushSize')}>
          <input
            type="range"
            min={BRUSH_SIZES[0]}
            max={BRUSH_SIZES.at(-1)}
            value={brushSize.size}
            aria-label={t('annotate.toolbar.brushSize')}
            data-testid="brush-size"
            onChange={(event) => brushSize.onSize(Number(event.target.value))}
            // Let go of the keyboard after a drag, so B, X, [ and ] are the workspace's again.
            onPointerUp={(event) => event.currentTarget.blur()}
          />
          <output>{t('annotate.toolbar.brushSizeValue', { size: brushSize.size })}</output>
        </label>
      )}
      <span className="popover-anchor">
        <button
          type="button"
          className="current-label"
          data-testid="current-label"
          data-label={currentLabel?.name ?? ''}
          style={{ '--label-color': drawColor } as CSSProperties}
          title={t('annotate.toolbar.currentLabelTitle')}
          onClick={onOpenClassPicker}
        >
          <span className="label-swatch" />
          {currentLabel ? currentLabel.name : t('annotate.toolbar.noLabel')}
          {currentLabel?.hotkey && <kbd>{currentLabel.hotkey}</kbd>}
        </button>
        {classPicker}
      </span>
      <UndoRedoButtons canUndo={canUndo} canRedo={canRedo} onUndo={onUndo} onRedo={onRedo} />
      <button
        type="button"
        className="tool"
        disabled={onCopyPrevious === null}
        title={t('annotate.toolbar.copyPreviousTitle')}
        aria-label={t('annotate.toolbar.copyPreviousLabel')}
        data-testid="copy-previous"
        onClick={onCopyPrevious ?? undefined}
      >
        <span className="glyph glyph-copy" aria-hidden="true" />
        <span className="tool-text">{t('annotate.toolbar.copyPrevious')}</span>
      </button>
      {heatmap && (
        <button
          type="button"
          className={heatmap.shown ? 'tool is-active' : 'tool'}
          aria-pressed={heatmap.shown}
          title={t('annotate.toolbar.heatmapTitle')}
          aria-label={t('annotate.toolbar.heatmapLabel')}
          data-testid="heatmap-toggle"
          onClick={heatmap.onToggle}
        >
          <span className="tool-text">{t('annotate.toolbar.heatmap')}</span> <kbd>M</kbd>
        </button>
      )}
      <ZoomControls viewport={viewport} />
      <button type="button" className="tool" title={t('annotate.toolbar.helpTitle')} aria-label={t('annotate.help.title')} data-testid="help-button" onClick={onHelp}>
        ?
      </button>
    </div>
  )
}
