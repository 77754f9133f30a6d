import { describe, expect, it } from 'vitest'
import { DEFAULT_QUERY, describeFilter, filterKey, filterOf, isFiltered, queryKey, unfiltered, type LibraryQuery } from '../../../src/renderer/src/library/libraryQuery'

const ct: LibraryQuery['dicomSeries'] = { uid: '1.2.3', name: 'CT #2 · Plain' }

describe('library queries', () => {
  it('turns the facets that are set into the API filter, and leaves the others out', () => {
    expect(filterOf(DEFAULT_QUERY)).toEqual({})
    expect(filterOf({ ...DEFAULT_QUERY, label: null, status: 'reviewed', dicomSeries: ct })).toEqual({
      label: null,
      status: 'reviewed',
      dicomSeries: '1.2.3',
    })
    expect(filterOf({ ...DEFAULT_QUERY, predictedLabel: 'cat', queue: 'labelNext', sort: 'name' })).toEqual({ predictedLabel: 'cat', queue: 'labelNext' })
    expect(filterOf({ ...DEFAULT_QUERY, fileName: '50%_' })).toEqual({ fileName: '50%_' })
    expect(filterOf({ ...DEFAULT_QUERY, anomalous: true, sort: 'anomaly' })).toEqual({ anomalous: true })
  })

  it('keys the filter apart from the order, so that a new order keeps the selection and a new search does not', () => {
    expect(filterKey({ ...DEFAULT_QUERY, sort: 'name', descending: true })).toBe(filterKey(DEFAULT_QUERY))
    expect(filterKey({ ...DEFAULT_QUERY, fileName: 'a' })).not.toBe(filterKey(DEFAULT_QUERY))
    expect(queryKey({ ...DEFAULT_QUERY, fileName: 'a' })).not.toBe(queryKey({ ...DEFAULT_QUERY, fileName: 'b' }))
    expect(filterKey({ ...DEFAULT_QUERY, anomalous: true })).not.toBe(filterKey(DEFAULT_QUERY))
  })

  it('keys queries by what they list and in which order, telling "any label" from "no label" and from a label', () => {
    const any = queryKey(DEFAULT_QUERY)
    const none = queryKey({ ...DEFAULT_QUERY, label: null })
    const named = queryKey({ ...DEFAULT_QUERY, label: 'null' })
    expect(new Set([any, none, named]).size).toBe(3)
    expect(queryKey({ ...DEFAULT_QUERY, descending: true })).not.toBe(any)
    // The series' display name is not part of what is listed.
    expect(queryKey({ ...DEFAULT_QUERY, dicomSeries: ct })).toBe(queryKey({ ...DEFAULT_QUERY, dicomSeries: { ...ct!, name: 'renamed' } }))
  })

  it('asks for the images the box detector found boxes on, of one class or of any, each listed apart', () => {
    expect(filterOf({ ...DEFAULT_QUERY, detected: { label: 'crazing' }, sort: 'detection', descending: true })).toEqual({ detected: { label: 'crazing' } })
    expect(filterOf({ ...DEFAULT_QUERY, detected: {} })).toEqual({ detected: {} })
    const keys = [DEFAULT_QUERY, { ...DEFAULT_QUERY, detected: {} }, { ...DEFAULT_QUERY, detected: { label: 'crazing' } }, { ...DEFAULT_QUERY, label: 'crazing' }]
    expect(new Set(keys.map(filterKey)).size).toBe(4)
    expect(isFiltered({ ...DEFAULT_QUERY, detected: {} })).toBe(true)
    expect(unfiltered({ ...DEFAULT_QUERY, detected: { label: 'crazing' } }).detected).toBeUndefined()
    expect(describeFilter({ ...DEFAULT_QUERY, detected: { label: 'crazing' } })).toBe('Found: crazing')
    expect(describeFilter({ ...DEFAULT_QUERY, detected: {} })).toBe('Found: any class')
  })

  it('clears every facet but keeps the order', () => {
    const query: LibraryQuery = {
      label: 'cat',
      status: 'labelled',
      predictedLabel: 'dog',
      queue: 'labelErrors',
      dicomSeries: ct,
      fileName: 'scr',
      anomalous: true,
      sort: 'name',
      descending: true,
    }
    expect(isFiltered(query)).toBe(true)
    const cleared = unfiltered(query)
    expect(isFiltered(cleared)).toBe(false)
    expect(cleared).toMatchObject({ sort: 'name', descending: true })
  })

  it('names the filter as the grid title says it', () => {
    expect(describeFilter(DEFAULT_QUERY)).toBe('All images')
    expect(describeFilter({ ...DEFAULT_QUERY, label: null, status: 'needs_fix' })).toBe('No label · Needs fix')
    expect(describeFilter({ ...DEFAULT_QUERY, dicomSeries: ct, label: 'cat', queue: 'labelErrors', predictedLabel: 'dog' })).toBe(
      'CT #2 · Plain · cat · Possible label errors · Predicted as dog',
    )
    expect(describeFilter({ ...DEFAULT_QUERY, fileName: 'scratch', status: 'reviewed' })).toBe('Reviewed · Name contains “scratch”')
    expect(describeFilter({ ...DEFAULT_QUERY, anomalous: true })).toBe('Anomalous')
  })
})
