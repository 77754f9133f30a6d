import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { freshLoupe } from '../../../support/loupe'

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
})
afterAll(() => loupe.close())

describe('label names', () => {
  it('refuses a name that differs from an existing one only in letter case, on create and on rename', async () => {
    const scratch = await loupe.client.api.labels.create({ name: 'Scratch' })
    await expect(loupe.client.api.labels.create({ name: 'scratch' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'There is already a label named "scratch".',
    })
    const dent = await loupe.client.api.labels.create({ name: 'dent' })
    await expect(loupe.client.api.labels.update({ id: dent.id, name: 'SCRATCH' })).rejects.toMatchObject({ code: 'conflict' })
    // Changing the case of a label's own name is a rename, not a clash.
    expect((await loupe.client.api.labels.update({ id: scratch.id, name: 'scratch' })).name).toBe('scratch')
  })

  it('refuses control characters in label and tag names with a sentence, and stores nothing', async () => {
    const before = await loupe.client.api.catalog.listLabels({})
    for (const name of ['new\nline', 'tab\there', 'nul\u0000', ' padded']) {
      await expect(loupe.client.api.labels.create({ name })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/label name/) })
    }
    expect(await loupe.client.api.catalog.listLabels({})).toEqual(before)
  })

  it('accepts names in any script', async () => {
    for (const name of ['划痕', 'Kratzer ü', 'défaut-2']) expect((await loupe.client.api.labels.create({ name })).name).toBe(name)
  })
})
