/**
 * What a left drag or click on the image does: select, move and resize objects; draw a box; place a polygon's points;
 * paint a mask with the brush or take pixels off it with the eraser. Every tool keeps the same classes, hotkeys,
 * undo and autosave, since each edit is one request (useImageEditing).
 */
export type Mode = 'select' | 'draw' | 'polygon' | 'brush' | 'eraser'

/** The mode a tool's key or button switches to: the tool, or back to select when it is already on. */
export function toggledMode(current: Mode, tool: Exclude<Mode, 'select'>): Mode {
  return current === tool ? 'select' : tool
}
