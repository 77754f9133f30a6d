import { describe, expect, it } from 'vitest'
import { DEFAULT_QUERY, describeFilter, filterOf, isFiltered, queryKey, unfiltered } from '../../../src/renderer/src/library/libraryQuery'

describe('the library showing a list of images sent from a search', () => {
  const shown = { ...DEFAULT_QUERY, imageIds: [7, 3, 9], shownFrom: 'search' }

  it('asks the API for exactly those images, and keys them apart from other lists', () => {
    expect(filterOf(shown)).toEqual({ imageIds: [7, 3, 9] })
    expect(queryKey(shown)).not.toBe(queryKey(DEFAULT_QUERY))
    expect(queryKey(shown)).not.toBe(queryKey({ ...DEFAULT_QUERY, imageIds: [7, 3] }))
  })

  it('counts as a filter, which "All images" clears', () => {
    expect(isFiltered(shown)).toBe(true)
    expect(isFiltered(unfiltered(shown))).toBe(false)
    expect(filterOf(unfiltered(shown))).toEqual({})
  })

  it('names the list in the grid title', () => {
    expect(describeFilter(shown)).toBe('3 images from search')
    expect(describeFilter({ ...shown, imageIds: [1], label: 'cat' })).toBe('1 image from search · cat')
    expect(describeFilter({ ...shown, shownFrom: 'the anomaly evaluation' })).toBe('3 images from the anomaly evaluation')
  })
})
