import type { MeasureTool } from '../viewportSurface'
import { t } from '../../i18n/t'
import { UndoRedoButtons } from '../../ui/UndoRedoButtons'
import { MEASURE_TOOLS } from './measureKeys'
import { KIND_NAMES } from './measureLabel'
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
    <div className="measure-toolbar" role="toolbar" aria-label={t('reader.measure.toolbar')}>
      <div className="segmented">
        {MEASURE_TOOLS.map((entry) => (
          <button
            key={entry.tool}
            type="button"
            className={tool === entry.tool ? 'tool is-active' : 'tool'}
            aria-pressed={tool === entry.tool}
            title={t('reader.measure.toolTitle', { kind: entry.tool, key: entry.key })}
            data-testid={`measure-tool-${entry.tool}`}
            onClick={() => onTool(tool === entry.tool ? null : entry.tool)}
          >
            <span className="tool-text">{t(KIND_NAMES[entry.tool])}</span> <kbd>{entry.key}</kbd>
          </button>
        ))}
      </div>
      <UndoRedoButtons canUndo={canUndo} canRedo={canRedo} onUndo={onUndo} onRedo={onRedo} scope={t('reader.measure.undoScope')} testIds={{ undo: 'measure-undo', redo: 'measure-redo' }} />
      <button
        type="button"
        className="tool"
        disabled={onDeleteSelected === null}
        title={t('reader.measure.deleteTitle')}
        data-testid="measure-delete"
        onClick={onDeleteSelected ?? undefined}
      >
        <span className="tool-text">{t('reader.measure.delete')}</span>
      </button>
    </div>
  )
}
