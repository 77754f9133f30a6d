import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, formatEta, formatRate } from '../../../src/renderer/src/format/numbers'
import { tIn } from '../../../src/renderer/src/i18n/t'

describe('numbers as people read them', () => {
  it('groups thousands, and the catalogue picks the singular or plural', () => {
    expect(formatCount(12040)).toBe('12,040')
    expect(tIn('en', 'format.bytes', { count: 1 })).toBe('1 byte')
    expect(tIn('en', 'format.bytes', { count: 12040 })).toBe('12,040 bytes')
    // Chinese has one form, with the count still grouped.
    expect(tIn('zh-CN', 'format.bytes', { count: 12040 })).toBe('12,040 字节')
    expect(tIn('zh-CN', 'format.eta.hoursMinutes', { hours: 1, minutes: 5 })).toBe('约 1 小时 5 分钟')
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
