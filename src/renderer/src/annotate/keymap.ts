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
      { keys: ['1–9'], action: 'Set the class of the selected box and of the next one drawn' },
      { keys: ['Shift+1–9'], action: 'Toggle that class as an image tag' },
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
]
