import { t } from '../i18n/t'

interface Props {
  canUndo: boolean
  canRedo: boolean
  onUndo(): void
  onRedo(): void
  /** What is undone, for the tooltips, in the page's language: "" or e.g. " on this slice". */
  scope?: string
  /** Test ids of the two buttons. */
  testIds?: { undo: string; redo: string }
}

/** The undo and redo buttons of an editing toolbar, with their keys in the tooltips. */
export function UndoRedoButtons({ canUndo, canRedo, onUndo, onRedo, scope = '', testIds = { undo: 'undo', redo: 'redo' } }: Props) {
  return (
    <div className="segmented">
      <button type="button" className="tool" disabled={!canUndo} title={t('ui.undoRedo.undoTitle', { scope })} aria-label={t('ui.undoRedo.undo')} data-testid={testIds.undo} onClick={onUndo}>
        <span className="glyph glyph-undo" aria-hidden="true" />
      </button>
      <button type="button" className="tool" disabled={!canRedo} title={t('ui.undoRedo.redoTitle', { scope })} aria-label={t('ui.undoRedo.redo')} data-testid={testIds.redo} onClick={onRedo}>
        <span className="glyph glyph-redo" aria-hidden="true" />
      </button>
    </div>
  )
}
