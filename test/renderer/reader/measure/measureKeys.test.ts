import { describe, expect, it } from 'vitest'
import { measureCommand } from '../../../../src/renderer/src/reader/measure/measureKeys'

const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
})
const idle = { tool: null, drafting: false, selected: false }

describe('measurement keys', () => {
  it('picks a tool by its key, and picks it off with the same key', () => {
    expect(measureCommand(press('l'), idle)).toEqual({ command: 'tool', tool: 'length' })
    expect(measureCommand(press('B'), idle)).toEqual({ command: 'tool', tool: 'rectangle' })
    expect(measureCommand(press('o'), idle)).toEqual({ command: 'tool', tool: 'ellipse' })
    expect(measureCommand(press('a'), { ...idle, tool: 'length' })).toEqual({ command: 'tool', tool: 'angle' })
    expect(measureCommand(press('a'), { ...idle, tool: 'angle' })).toEqual({ command: 'tool', tool: null })
  })

  it('leaves the reader’s keys to the reader', () => {
    for (const key of ['ArrowUp', 'PageDown', 'Home', ' ', 'i', 'v', 'r', 'c', '+', '0', 'F2']) expect(measureCommand(press(key), idle)).toBeNull()
    expect(measureCommand(press('l', { ctrlKey: true }), idle)).toBeNull()
  })

  it('drops the drawing, then the tool, then the selection on Esc, and lets the reader close after that', () => {
    expect(measureCommand(press('Escape'), { tool: 'angle', drafting: true, selected: true })).toEqual({ command: 'cancel-draft' })
    expect(measureCommand(press('Escape'), { tool: 'angle', drafting: false, selected: true })).toEqual({ command: 'tool', tool: null })
    expect(measureCommand(press('Escape'), { ...idle, selected: true })).toEqual({ command: 'deselect' })
    expect(measureCommand(press('Escape'), idle)).toBeNull()
  })

  it('deletes the selected measurement, and undoes and redoes like the annotation workspace', () => {
    expect(measureCommand(press('Delete'), { ...idle, selected: true })).toEqual({ command: 'delete' })
    expect(measureCommand(press('Delete'), idle)).toBeNull()
    expect(measureCommand(press('z', { ctrlKey: true }), idle)).toEqual({ command: 'undo' })
    expect(measureCommand(press('Z', { ctrlKey: true, shiftKey: true }), idle)).toEqual({ command: 'redo' })
    expect(measureCommand(press('y', { metaKey: true }), idle)).toEqual({ command: 'redo' })
  })
})
