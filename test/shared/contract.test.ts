import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, contract, specOf } from '../../src/shared/api/contract'
import {
  AddBoxRequest,
  CreateLabelRequest,
  DecideSuggestionsRequest,
  ImportRequest,
  LabelImagesRequest,
  NAME_MAX_LENGTH,
  SetTagsRequest,
  TrainRequest,
  UpdateBoxRequest,
  UpdateLabelRequest,
  labelNameProblem,
} from '../../src/shared/api/schemas'

describe('specOf', () => {
  it('finds every channel the contract declares', () => {
    expect(CHANNELS.length).toBeGreaterThan(0)
    for (const channel of CHANNELS) {
      const [ns, m] = channel.split('.') as [keyof typeof contract, string]
      expect(specOf(channel)).toBe((contract[ns] as Record<string, unknown>)[m])
    }
  })

  it.each([
    '__proto__.toString',
    '__proto__.__proto__',
    'constructor.name',
    'toString.call',
    'hasOwnProperty.length',
    'catalog.__proto__',
    'catalog.constructor',
    'catalog.toString',
    'catalog.hasOwnProperty',
    'catalog.stats.extra',
    'catalog.stats.',
    '.catalog.stats',
    'catalog.',
    '.stats',
    'catalog',
    'toString',
    '__proto__',
    '.',
    '..',
    '',
    'catalog .stats',
    'Catalog.stats',
  ])('finds nothing for %j', (channel) => {
    expect(specOf(channel)).toBeUndefined()
  })

  it('finds nothing for a channel that is not a string', () => {
    expect(specOf(42 as unknown as string)).toBeUndefined()
    expect(specOf(undefined as unknown as string)).toBeUndefined()
  })
})

/** Every request that brings a label name or tag, with the name put where that request takes it. */
const requests: [string, z.ZodType, (name: string) => unknown][] = [
  ['labels.create', CreateLabelRequest, (name) => ({ name })],
  ['labels.update', UpdateLabelRequest, (name) => ({ id: 1, name })],
  ['catalog.labelImages', LabelImagesRequest, (label) => ({ imageIds: [1], label })],
  ['annotations.addBox', AddBoxRequest, (label) => ({ imageId: 1, label, x: 0, y: 0, width: 1, height: 1 })],
  ['annotations.updateBox', UpdateBoxRequest, (label) => ({ imageId: 1, boxId: 1, label })],
  ['annotations.setTags', SetTagsRequest, (tag) => ({ imageId: 1, tags: ['fine', tag] })],
  ['imports.start', ImportRequest, (name) => ({ paths: ['/x'], annotations: { format: 'yolo', classes: ['fine', name] } })],
  ['training.start', TrainRequest, (name) => ({ classes: ['fine', name] })],
  ['training.acceptSuggestions', DecideSuggestionsRequest, (label) => ({ imageId: 1, suggestionIds: [1], label })],
]

const GOOD = ['cat', 'Kratzer ü', '划痕', 'dog food', 'Rost (leicht)', 'a', '👩‍🔬 lab', 'x'.repeat(NAME_MAX_LENGTH)]

const BAD: [string, string][] = [
  ['a\nb', 'A label name cannot contain a line break or tab.'],
  ['a\tb', 'A label name cannot contain a line break or tab.'],
  ['a\r\nb', 'A label name cannot contain a line break or tab.'],
  ['a\u2028b', 'A label name cannot contain a line break or tab.'],
  ['a\u0000b', 'A label name cannot contain the invisible control character U+0000.'],
  ['a\u001bb', 'A label name cannot contain the invisible control character U+001B.'],
  ['a\u007fb', 'A label name cannot contain the invisible control character U+007F.'],
  ['a\u0085b', 'A label name cannot contain a line break or tab.'],
  ['a\ud800b', 'A label name contains a broken character (half of a surrogate pair).'],
  ['  a', 'A label name cannot start or end with a space.'],
  ['a ', 'A label name cannot start or end with a space.'],
  ['a\u00a0', 'A label name cannot start or end with a space.'],
  ['   ', 'A label name cannot be only spaces.'],
  ['', 'A label name cannot be empty.'],
  ['x'.repeat(10_000), `A label name can be at most ${NAME_MAX_LENGTH} characters long (this one has 10000).`],
  ['x'.repeat(NAME_MAX_LENGTH + 1), `A label name can be at most ${NAME_MAX_LENGTH} characters long (this one has ${NAME_MAX_LENGTH + 1}).`],
]

describe('label names and tags', () => {
  it('tells what is wrong with a name, or nothing', () => {
    for (const name of GOOD) expect(labelNameProblem(name), JSON.stringify(name)).toBeUndefined()
    for (const [name, problem] of BAD) expect(labelNameProblem(name), JSON.stringify(name)).toBe(problem)
  })

  it.each(requests)('%s accepts ordinary names in any script', (_channel, schema, withName) => {
    for (const name of GOOD) {
      const parsed = schema.safeParse(withName(name))
      expect(parsed.success, `${JSON.stringify(name)}: ${parsed.error?.message}`).toBe(true)
    }
  })

  it.each(requests)('%s refuses a bad name with one clear message', (channel, schema, withName) => {
    for (const [name, problem] of BAD) {
      const parsed = schema.safeParse(withName(name))
      expect(parsed.success, JSON.stringify(name)).toBe(false)
      const messages = parsed.error!.issues.map((issue) => issue.message)
      const expected = channel === 'annotations.setTags' ? problem.replace('A label name', 'A tag') : problem
      expect(messages).toEqual([expected])
    }
  })

  it('keeps the name as given: nothing is trimmed', () => {
    expect(CreateLabelRequest.parse({ name: 'Kratzer ü' }).name).toBe('Kratzer ü')
  })

  it('a box may still be drawn without a class', () => {
    expect(AddBoxRequest.safeParse({ imageId: 1, label: null, x: 0, y: 0, width: 1, height: 1 }).success).toBe(true)
  })

  it('reads well in the error the dispatcher sends back', () => {
    const parsed = specOf('labels.create')!.request.safeParse({ name: 'a\nb' })
    expect(z.prettifyError(parsed.error!)).toContain('A label name cannot contain a line break or tab.')
  })
})
