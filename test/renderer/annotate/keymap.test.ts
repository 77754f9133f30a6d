import { describe, expect, it } from 'vitest'
import { PRESET_KEYS } from '../../../src/renderer/src/annotate/dicom/DicomDisplay'
import { KEYMAP } from '../../../src/renderer/src/annotate/keymap'

const bindings = KEYMAP.flatMap((group) => group.bindings)

describe('the keymap the help overlay lists', () => {
  it('gives no key two meanings', () => {
    const keys = bindings.flatMap((binding) => binding.keys)
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([])
  })

  it('says what each binding does, and which keys do it', () => {
    for (const binding of bindings) {
      expect(binding.keys.length).toBeGreaterThan(0)
      expect(binding.action.length).toBeGreaterThan(0)
    }
    expect(new Set(KEYMAP.map((group) => group.title)).size).toBe(KEYMAP.length)
  })

  it('names the window presets by the same keys the display answers to', () => {
    const presets = bindings.find((binding) => binding.action.startsWith('Window presets'))
    expect(presets?.keys).toEqual([`${PRESET_KEYS[0]}–${PRESET_KEYS.at(-1)}`])
  })

  it('speaks of labels, as the API does, for the hotkeys', () => {
    const hotkeys = bindings.filter((binding) => binding.keys.some((key) => key.includes('1–9')))
    expect(hotkeys).toHaveLength(2)
    for (const binding of hotkeys) expect(binding.action).toMatch(/\blabel\b/)
  })
})
