/** ui's English messages: the source every other language translates. */
export const ui = {
  'dialog.close': 'Close',
  'fullWindow.close': 'Close {title} (Esc)',
  'inlineConfirm.keep': 'Keep',
  'labelPicker.placeholder': 'Label name',
  'labelPicker.create': 'Create label <strong>{name}</strong>',
  'prediction.title': 'Predicted “{label}”, {percent} sure',
  'prediction.titleNotAccepted': 'Predicted “{label}”, {percent} sure (not a label until accepted)',
  'rowActions.confirmLabel': 'Delete {what}?',
  'rowActions.delete': 'Delete',
  'rowActions.deleteLabel': 'Delete {what}',
  'rowActions.deleteTitle': 'Delete this version',
  'undoRedo.undo': 'Undo',
  'undoRedo.undoTitle': 'Undo{scope} (Ctrl+Z)',
  'undoRedo.redo': 'Redo',
  'undoRedo.redoTitle': 'Redo{scope} (Ctrl+Shift+Z)',
} as const
