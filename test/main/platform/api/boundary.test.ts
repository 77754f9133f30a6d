import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { createDispatcher } from '../../../../src/main/platform/api/dispatcher'
import type { LoupeHandlers } from '../../../../src/shared/api/contract'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

let loupe: Loupe
let imageDir: string

beforeAll(async () => {
  loupe = await freshLoupe()
  imageDir = await tempDir()
  await writeJpeg(join(imageDir, 'a.jpg'), 1)
  await importThroughApi(loupe, [imageDir])
})
afterAll(() => loupe.close())

describe('the API boundary', () => {
  it.each(['__proto__.toString', 'constructor.name', 'toString', 'catalog.stats.extra', 'catalog.__proto__', '.', ''])(
    'answers the channel %j as an unknown method, never with a crash',
    async (channel) => {
      const reply = await loupe.dispatcher.invoke(channel, {})
      expect(reply).toEqual({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('Unknown API method') } })
    },
  )

  it('refuses relative paths, which would resolve against whatever folder the host runs in', async () => {
    const { api } = loupe.client
    const relative = [
      () => api.imports.start({ paths: ['photos'] }),
      () => api.exports.start({ format: 'coco', out: 'out' }),
      () => api.models.add({ path: 'models/mobilenet' }),
      () => api.files.browse({ dir: '.' }),
      () => api.search.similar({ query: { path: 'query.jpg' } }),
      () => api.dicom.exportImages({ imageIds: [1], out: 'scans', format: 'png' }),
      () => api.training.importVersion({ dir: 'classifier' }),
    ]
    for (const call of relative) {
      await expect(call()).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/must be an absolute path/) })
    }
    // Nothing was started.
    expect(loupe.jobs.list().filter((job) => job.kind !== 'import')).toEqual([])
  })

  it('checks replies against the contract and reports a service that drifts from it', async () => {
    const logged: unknown[] = []
    const handlers = { workspace: { info: () => ({ path: '/w', schemaVersion: 'one', appVersion: '1' }) } } as unknown as LoupeHandlers
    const strict = createDispatcher(handlers, { log: (error) => logged.push(error) })
    expect(await strict.invoke('workspace.info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The reply of workspace.info does not match the contract.' },
    })
    expect(String(logged[0])).toContain('schemaVersion')
    const lenient = createDispatcher(handlers, { validateReplies: false, log: (error) => logged.push(error) })
    expect(await lenient.invoke('workspace.info', {})).toMatchObject({ ok: true })
  })
})

describe('services own their events', () => {
  it('a write made through a service, not the API, announces itself', async () => {
    const seen: string[] = []
    const off = loupe.events.on('catalog.changed', ({ reason }) => seen.push(reason))
    const [image] = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1 }).items
    loupe.catalog.labelImages([image!.id], 'scratch')
    loupe.labels.create('dent')
    loupe.annotations.addBox(image!.id, 'dent', { x: 1, y: 1, width: 20, height: 20 })
    loupe.catalog.setStatus([image!.id], 'reviewed')
    // A write that changes nothing announces nothing.
    loupe.catalog.labelImages([image!.id], 'scratch')
    off()
    expect(seen).toEqual(['labels', 'labels', 'annotations', 'status'])
  })

  it('removing images through the service drops them from search results and the catalogue at once', async () => {
    const other = await freshLoupe()
    try {
      await importThroughApi(other, [imageDir])
      const seen: string[] = []
      other.events.on('catalog.changed', ({ reason }) => seen.push(reason))
      const ids = other.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 10 }).items.map((item) => item.id)
      expect(other.catalog.removeImages(ids)).toBe(ids.length)
      expect(seen).toEqual(['removed'])
      expect((await other.client.api.catalog.stats({})).images).toBe(0)
    } finally {
      await other.close()
    }
  })
})
