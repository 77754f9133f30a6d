import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatEta, formatRate, pluralize } from '../../../src/renderer/src/format/numbers'

describe('numbers as people read them', () => {
  it('groups thousands and picks the singular or plural', () => {
    expect(formatCount(12040)).toBe('12,040')
    expect(pluralize(1, 'image')).toBe('1 image')
    expect(pluralize(0, 'image')).toBe('0 images')
    expect(pluralize(2, 'box', 'boxes')).toBe('2 boxes')
  })

  it('gives sizes in decimal units with three significant digits', () => {
    expect(formatBytes(999)).toBe('999 bytes')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(1500)).toBe('1.50 KB')
    expect(formatBytes(25_300_000)).toBe('25.3 MB')
    expect(formatBytes(640_000_000_000)).toBe('640 GB')
  })

  it('gives rates with a decimal only while they are small', () => {
    expect(formatRate(3.25)).toBe('3.3 items/s')
    expect(formatRate(1234.4)).toBe('1,234 items/s')
  })

  it('says how long is left roughly', () => {
    expect(formatEta(0.5)).toBe('almost done')
    expect(formatEta(11.2)).toBe('about 12 s')
    expect(formatEta(170)).toBe('about 3 min')
    expect(formatEta(3600)).toBe('about 1 h')
    expect(formatEta(3900)).toBe('about 1 h 5 min')
  })
})
