import { describe, expect, it } from 'vitest'
import { dicomDate, dicomTime, formatTagValue, personName, seriesLabel, seriesName } from '../../../src/renderer/src/format/dicomText'

describe('DICOM values as people read them', () => {
  it('writes person names family first, from the alphabetic representation', () => {
    expect(personName('Doe^Jane^Q^Dr^PhD')).toBe('Doe, Dr Jane Q PhD')
    expect(personName('CompressedSamples^CT1')).toBe('CompressedSamples, CT1')
    expect(personName('^^^^=Yamada^Tarou')).toBe('Yamada, Tarou')
    expect(personName('^^^')).toBeNull()
    expect(personName(null)).toBeNull()
  })

  it('writes dates and times with separators, and leaves anything else as it is', () => {
    expect(dicomDate('20040119')).toBe('2004-01-19')
    expect(dicomDate('2004.01.19')).toBe('2004-01-19')
    expect(dicomDate('January')).toBe('January')
    expect(dicomTime('072730.5')).toBe('07:27:30.5')
    expect(dicomTime('0727')).toBe('07:27')
    expect(dicomTime('later')).toBe('later')
  })

  it('formats a tag by what its keyword says it holds', () => {
    expect(formatTagValue('StudyDate', '20040119')).toBe('2004-01-19')
    expect(formatTagValue('ExposureTime', '120')).toBe('120')
    expect(formatTagValue('ReferringPhysicianName', 'Doe^John')).toBe('Doe, John')
    expect(formatTagValue('PixelSpacing', '0.661468\\0.661468')).toBe('0.661468 × 0.661468 mm')
    expect(formatTagValue('SliceThickness', '5.000000')).toBe('5 mm')
    expect(formatTagValue('ImageType', 'ORIGINAL\\PRIMARY')).toBe('ORIGINAL, PRIMARY')
  })

  it('names a series by modality, number and description', () => {
    expect(seriesName({ modality: 'CT', seriesNumber: 2, seriesDescription: 'Plain 5 mm' })).toBe('CT #2 · Plain 5 mm')
    expect(seriesName({ modality: null, seriesNumber: null, seriesDescription: null })).toBe('Series')
    expect(seriesLabel({ seriesNumber: 2, seriesDescription: null })).toBe('#2')
    expect(seriesLabel({ seriesNumber: null, seriesDescription: null })).toBe('Unnumbered series')
  })
})
