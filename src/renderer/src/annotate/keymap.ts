/**
 * Every shortcut of the annotation workspace, as the help overlay (`?`) lists them. The handler in
 * useWorkspaceKeys implements exactly these; keep the two in step.
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
    title: 'Images',
    bindings: [
      { keys: ['D', '→'], action: 'Next image' },
      { keys: ['A', '←'], action: 'Previous image' },
      { keys: ['Space'], action: 'Mark reviewed and go to the next image (a tap; hold Space and drag to pan)' },
      { keys: ['C', 'Ctrl+Shift+V'], action: 'Copy the previous image’s boxes onto this one' },
      { keys: ['Esc'], action: 'Cancel drawing, deselect, leave draw mode — then back to the library' },
    ],
  },
  {
    title: 'Boxes',
    bindings: [
      { keys: ['W'], action: 'Draw mode on/off (boxes can also be drawn by dragging on empty image)' },
      { keys: ['1–9'], action: 'Set the label of the selected box and of the next one drawn' },
      { keys: ['E'], action: 'Choose that label by typing part of its name (for labels without a hotkey)' },
      { keys: ['Shift+1–9'], action: 'Toggle that label as an image tag' },
      { keys: ['Del', 'Backspace'], action: 'Delete the selected box' },
      { keys: ['Ctrl+Z'], action: 'Undo' },
      { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'Redo' },
      { keys: ['H'], action: 'Hide or show all boxes' },
    ],
  },
  {
    title: 'View',
    bindings: [
      { keys: ['Wheel'], action: 'Zoom around the cursor' },
      { keys: ['+', '−'], action: 'Zoom in, out' },
      { keys: ['F', '0'], action: 'Fit the image' },
      { keys: ['Z'], action: 'Actual pixels (1:1)' },
      { keys: ['Space+drag', 'Middle drag'], action: 'Pan' },
      { keys: ['?'], action: 'Show or hide this help' },
    ],
  },
  {
    title: 'Model',
    bindings: [
      { keys: ['P'], action: 'Accept the classifier’s prediction as the image’s tag (replacing its other classes)' },
      { keys: ['Y', 'Click'], action: 'Accept the highlighted box suggestion (or the one clicked) as a box' },
      { keys: ['Shift+Y'], action: 'Accept every box suggestion above the score threshold' },
      { keys: ['N'], action: 'Reject the highlighted box suggestion' },
      { keys: ['M'], action: 'Anomaly heat map on/off, its hot regions offered as box suggestions (with an anomaly model)' },
    ],
  },
  {
    title: 'Window/level (DICOM)',
    bindings: [
      { keys: ['Right drag'], action: 'Adjust the window: right/left widens/narrows it, down/up raises/lowers the level' },
      { keys: ['L'], action: 'W/L tool on/off: a left drag adjusts the window instead of drawing' },
      { keys: ['F2–F9'], action: 'Window presets, in the order of their buttons (on CT: brain, soft tissue, mediastinum, lung, bone)' },
      { keys: ['I'], action: 'Invert the grey levels' },
      { keys: ['R'], action: 'Reset to the image’s own window (a window you set stays through the series until then)' },
    ],
  },
]
