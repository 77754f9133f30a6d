import { t } from '../i18n/t'

/**
 * Every shortcut of the annotation workspace, as the help overlay (`?`) lists them, in the page's language (fixed for
 * its life, so the list is made once). The handler in useWorkspaceKeys implements exactly these; keep the two in step.
 */
export interface KeyBinding {
  keys: string[]
  action: string
}

export interface KeyGroup {
  title: string
  bindings: KeyBinding[]
}

export const KEYMAP: KeyGroup[] = [
  {
    title: t('annotate.keys.images'),
    bindings: [
      { keys: ['D', '→'], action: t('annotate.keys.nextImage') },
      { keys: ['A', '←'], action: t('annotate.keys.previousImage') },
      { keys: ['Space'], action: t('annotate.keys.markReviewed') }, // i18n-exempt: key caps
      { keys: ['C', 'Ctrl+Shift+V'], action: t('annotate.keys.copyPrevious') }, // i18n-exempt: key caps
      { keys: ['Esc'], action: t('annotate.keys.escape') }, // i18n-exempt: key caps
    ],
  },
  {
    title: t('annotate.keys.boxes'),
    bindings: [
      { keys: ['W'], action: t('annotate.keys.drawMode') },
      { keys: ['Q'], action: t('annotate.keys.polygonTool') },
      { keys: ['B'], action: t('annotate.keys.brushTool') },
      { keys: ['X'], action: t('annotate.keys.eraserTool') },
      { keys: ['[', ']'], action: t('annotate.keys.brushSize') },
      { keys: ['K'], action: t('annotate.keys.toggleCrowd') },
      { keys: ['1–9'], action: t('annotate.keys.setLabel') },
      { keys: ['E'], action: t('annotate.keys.chooseLabel') },
      { keys: ['Shift+1–9'], action: t('annotate.keys.toggleTag') }, // i18n-exempt: key caps
      { keys: ['Del', 'Backspace'], action: t('annotate.keys.deleteBox') }, // i18n-exempt: key caps
      { keys: ['Ctrl+Z'], action: t('annotate.keys.undo') }, // i18n-exempt: key caps
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: t('annotate.keys.redo') }, // i18n-exempt: key caps
      { keys: ['H'], action: t('annotate.keys.toggleBoxes') },
    ],
  },
  {
    title: t('annotate.keys.polygons'),
    bindings: [
      { keys: ['Enter'], action: t('annotate.keys.closePolygon') }, // i18n-exempt: key caps
      { keys: ['Shift+Enter', t('annotate.keys.gesture.shiftClickFirst')], action: t('annotate.keys.addPart') }, // i18n-exempt: key caps
      { keys: [t('annotate.keys.gesture.dragVertex')], action: t('annotate.keys.moveVertex') },
      { keys: [t('annotate.keys.gesture.dragMidpoint')], action: t('annotate.keys.insertVertex') },
      { keys: [t('annotate.keys.gesture.altClickVertex'), t('annotate.keys.gesture.doubleClickVertex')], action: t('annotate.keys.removeVertex') },
    ],
  },
  {
    title: t('annotate.keys.view'),
    bindings: [
      { keys: [t('annotate.keys.gesture.wheel')], action: t('annotate.keys.zoomCursor') },
      { keys: ['+', '−'], action: t('annotate.keys.zoomInOut') },
      { keys: ['F', '0'], action: t('annotate.keys.fit') },
      { keys: ['Z'], action: t('annotate.keys.actualPixels') },
      { keys: [t('annotate.keys.gesture.spaceDrag'), t('annotate.keys.gesture.middleDrag')], action: t('annotate.keys.pan') },
      { keys: ['?'], action: t('annotate.keys.help') },
    ],
  },
  {
    title: t('annotate.keys.model'),
    bindings: [
      { keys: ['P'], action: t('annotate.keys.acceptPrediction') },
      { keys: ['Y', t('annotate.keys.gesture.click')], action: t('annotate.keys.acceptSuggestion') },
      { keys: ['Shift+Y'], action: t('annotate.keys.acceptAll') }, // i18n-exempt: key caps
      { keys: ['N'], action: t('annotate.keys.rejectSuggestion') },
      { keys: ['M'], action: t('annotate.keys.heatmap') },
    ],
  },
  {
    title: t('annotate.keys.windowLevel'),
    bindings: [
      { keys: [t('annotate.keys.gesture.rightDrag')], action: t('annotate.keys.adjustWindow') },
      { keys: ['L'], action: t('annotate.keys.windowTool') },
      { keys: ['F2–F9'], action: t('annotate.keys.presets') },
      { keys: ['I'], action: t('annotate.keys.invert') },
      { keys: ['R'], action: t('annotate.keys.reset') },
    ],
  },
]
