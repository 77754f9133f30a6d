import type { MeasureTool } from '../viewportSurface'
import { MEASURE_TOOLS } from './measureKeys'
import '../../annotate/annotate.css'
import './measure.css'

interface Props {
  tool: MeasureTool | null
  onTool(tool: MeasureTool | null): void
  canUndo: boolean
  canRedo: boolean
  onUndo(): void
  onRedo(): void
  /** Deletes the selected measurement; null while none is selected. */
  onDeleteSelected: (() => void) | null
}

/** The reader's measurement tools: a tool picked (or its key pressed) makes a left drag measure instead of windowing. */
export function MeasureToolbar({ tool, onTool, canUndo, canRedo, onUndo, onRedo, onDeleteSelected }: Props) {
  return (
    <div className="measure-toolbar" role="toolbar" aria-label="Measurements">
      <div className="segmented">
        {MEASURE_TOOLS.map((entry) => (
          <button
            key={entry.tool}
            type="button"
            className={tool === entry.tool ? 'tool is-active' : 'tool'}
            aria-pressed={tool === entry.tool}
            title={`Measure: ${entry.name.toLowerCase()} (${entry.key}; again or Esc to stop measuring)`}
            data-testid={`measure-tool-${entry.tool}`}
            onClick={() => onTool(tool === entry.tool ? null : entry.tool)}
          >
            <span className="tool-text">{entry.name}</span> <kbd>{entry.key}</kbd>
          </button>
        ))}
      </div>
      <div className="segmented">
        <button type="button" className="tool" disabled={!canUndo} title="Undo on this slice (Ctrl+Z)" aria-label="Undo" data-testid="measure-undo" onClick={onUndo}>
          <span className="glyph glyph-undo" aria-hidden="true" />
        </button>
        <button type="button" className="tool" disabled={!canRedo} title="Redo on this slice (Ctrl+Shift+Z)" aria-label="Redo" data-testid="measure-redo" onClick={onRedo}>
          <span className="glyph glyph-redo" aria-hidden="true" />
        </button>
      </div>
      <button
        type="button"
        className="tool"
        disabled={onDeleteSelected === null}
        title="Delete the selected measurement (Del)"
        data-testid="measure-delete"
        onClick={onDeleteSelected ?? undefined}
      >
        <span className="tool-text">Delete</span>
      </button>
    </div>
  )
}
