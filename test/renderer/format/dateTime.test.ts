import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../../src/renderer/src/format/dateTime'
import { describeOrientation } from '../../../src/renderer/src/format/orientation'

describe('dates and orientations', () => {
  it('shows a timestamp in the local format, and an unreadable one as it came', () => {
    const shown = formatDateTime('2024-03-05T14:07:00Z')
    expect(shown).not.toBe('2024-03-05T14:07:00Z')
    expect(shown).toMatch(/2024/)
    expect(formatDateTime('not a date')).toBe('not a date')
  })

  it('says EXIF orientations in words, and names unknown ones by number', () => {
    expect(describeOrientation(1)).toBe('Normal')
    expect(describeOrientation(6)).toBe('Rotated 90° CW')
    expect(describeOrientation(9)).toBe('EXIF 9')
  })
})
