import { describe, expect, it } from 'vitest'
import { englishJobTitle } from '../../src/shared/jobs/job-titles'

describe('job titles in English', () => {
  it('fill in names, group counts and pick the plural', () => {
    expect(englishJobTitle({ id: 'importMany', values: { count: 1 } })).toBe('Import 1 location')
    expect(englishJobTitle({ id: 'detectChosen', values: { count: 12040, detector: 'detector-2' } })).toBe('Find boxes in 12,040 images with detector-2')
    expect(englishJobTitle({ id: 'trainOnImages', values: { source: 'tags-then-boxes', model: 'm' } })).toBe('Train a classifier on images labelled by their tags, else box classes (m)')
    expect(englishJobTitle({ id: 'anomalyFitLabel', values: { name: 'tiles', label: 'good' } })).toBe('Learn what good looks like: "tiles" from images labelled "good"')
  })
})
