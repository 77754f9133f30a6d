import { describe, expect, it } from 'vitest'
import type { DuplicateImage } from '../../../src/shared/api/schemas'
import { carriedBy, isAnnotated } from '../../../src/renderer/src/search/duplicateCarries'

const plain: DuplicateImage = {
  id: 7,
  fileName: 'crazing_4.jpg',
  path: '/data/crazing_4.jpg',
  width: 200,
  height: 200,
  status: 'unlabelled',
  labels: [],
  missing: false,
  score: 0.97,
  pixelMatch: 0.95,
  bytes: 9_000,
  format: 'jpeg',
  boxCount: 0,
  boxClasses: [],
}

describe('what goes with a duplicate', () => {
  it('says nothing goes with an image nobody worked on', () => {
    expect(isAnnotated(plain)).toBe(false)
    expect(carriedBy(plain)).toEqual([])
  })

  it('names boxes with their classes, tags and a review status', () => {
    const worked = { ...plain, boxCount: 3, boxClasses: ['crazing', 'patches'], labels: ['steel'], status: 'reviewed' as const }
    expect(isAnnotated(worked)).toBe(true)
    expect(carriedBy(worked)).toEqual(['3 boxes (crazing, patches)', 'tag: steel', 'status: Reviewed'])
    expect(carriedBy({ ...plain, boxCount: 1, boxClasses: [] })).toEqual(['1 box'])
    expect(carriedBy({ ...plain, boxCount: 2, boxClasses: ['crazing'], labels: ['crazing'] })).toEqual(['2 boxes (crazing)'])
    expect(isAnnotated({ ...plain, status: 'in_progress' })).toBe(true)
  })
})
