import { copyFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import type { IndexResult, JobState, JobSummary } from '../../../../src/shared/api/schemas'
import { importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, MOBILENET_DIR, tempDir } from '../../../support/paths'

let loupe: Loupe | undefined
afterEach(async () => {
  await loupe?.close()
  loupe = undefined
})

/** A workspace that indexes by itself; `modelsDir` for a model store of its own (the file's is shared by its tests). */
async function openIndexing(modelsDir?: string): Promise<Loupe> {
  loupe = await openLoupe({ workspaceDir: await tempDir('loupe-ws-'), indexAutomatically: true, ...(modelsDir && { modelsDir }) })
  return loupe
}

/** A folder of `count` coco128 photos, starting at the `from`-th. */
async function photos(from: number, count: number): Promise<string> {
  const dir = await tempDir()
  const names = (await readdir(COCO_IMAGES)).sort().slice(from, from + count)
  for (const name of names) await copyFile(join(COCO_IMAGES, name), join(dir, name))
  return dir
}

/** Resolves with the first index job that reaches `state` from now on. */
function nextIndexJob(app: Loupe, state: JobState): Promise<JobSummary> {
  return new Promise((resolve) => {
    const off = app.events.on('jobs.progress', (job) => {
      if (job.kind !== 'index' || job.state !== state) return
      off()
      resolve(job)
    })
  })
}

describe('automatic indexing', () => {
  it('indexes imported images by itself, so search finds them without "Index now"', async () => {
    const app = await openIndexing()
    await app.client.api.models.add({ path: MOBILENET_DIR })
    const finished = nextIndexJob(app, 'completed')
    const { result } = await importThroughApi(app, [await photos(0, 12)])
    expect(result.added).toBe(12)

    const job = await finished
    expect(job.result as IndexResult).toMatchObject({ embedded: 12, skipped: 0 })
    expect(job.title).toMatch(/automatically/)
    expect(await app.client.api.search.status({})).toMatchObject({ indexed: 12, pending: 0, autoIndexPaused: false })
    const [first] = app.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1 }).items
    const [best] = await app.client.api.search.similar({ query: { imageId: first!.id }, k: 1 })
    expect(best!.id).toBe(first!.id)
  })

  it('starts nothing without a usable model, and indexes what waits once one is installed', async () => {
    const app = await openIndexing(await tempDir('loupe-models-'))
    await importThroughApi(app, [await photos(20, 6)])
    expect(await app.autoIndex.check()).toBeNull()
    expect(app.jobs.active('index')).toBeUndefined()
    expect(await app.client.api.search.status({})).toMatchObject({ pending: 6, modelProblem: expect.stringMatching(/not installed/) })

    const finished = nextIndexJob(app, 'completed')
    await app.client.api.models.add({ path: MOBILENET_DIR })
    expect((await finished).result as IndexResult).toMatchObject({ embedded: 6 })
  })

  it('indexes on opening a workspace whose images wait (imported by a process that does not index)', async () => {
    const dir = await tempDir('loupe-ws-')
    const oneShot = (loupe = await openLoupe({ workspaceDir: dir }))
    await oneShot.client.api.models.add({ path: MOBILENET_DIR })
    await importThroughApi(oneShot, [await photos(60, 5)])
    expect(oneShot.jobs.active('index')).toBeUndefined()
    await oneShot.close()

    const app = (loupe = await openLoupe({ workspaceDir: dir, indexAutomatically: true }))
    const id = await app.autoIndex.check()
    expect(id).not.toBeNull()
    expect((await app.jobs.settled(id!)).result as IndexResult).toMatchObject({ embedded: 5 })
  })

  it('while paused starts nothing, and picks up where it was on Resume; the pause is kept by the workspace', async () => {
    const app = await openIndexing()
    await app.client.api.models.add({ path: MOBILENET_DIR })
    expect(await app.client.api.search.setAutoIndex({ paused: true })).toMatchObject({ autoIndexPaused: true })
    await importThroughApi(app, [await photos(30, 8)])
    expect(await app.autoIndex.check()).toBeNull()
    expect(app.jobs.active('index')).toBeUndefined()
    expect(await app.client.api.search.status({})).toMatchObject({ indexed: 0, pending: 8, autoIndexPaused: true })

    // Reopened, the workspace is still paused: nothing starts on open either.
    const dir = app.workspace.dir
    await app.close()
    const reopened = (loupe = await openLoupe({ workspaceDir: dir, indexAutomatically: true }))
    expect(await reopened.autoIndex.check()).toBeNull()
    expect(reopened.autoIndex.paused).toBe(true)

    const finished = nextIndexJob(reopened, 'completed')
    await reopened.client.api.search.setAutoIndex({ paused: false })
    expect((await finished).result as IndexResult).toMatchObject({ embedded: 8 })
    expect(await reopened.client.api.search.status({})).toMatchObject({ indexed: 8, pending: 0, autoIndexPaused: false })
  })

  it('pausing stops the automatic run in progress, keeping what it embedded', async () => {
    const app = await openIndexing()
    await app.client.api.models.add({ path: MOBILENET_DIR })
    await app.client.api.search.setAutoIndex({ paused: true })
    await importThroughApi(app, [await photos(40, 40)])
    await app.client.api.search.setAutoIndex({ paused: false })
    const id = app.jobs.active('index')!
    expect(app.jobs.get(id).background).toBe(true)
    await app.client.api.search.setAutoIndex({ paused: true })
    expect((await app.jobs.settled(id)).state).toBe('cancelled')
    const status = await app.client.api.search.status({})
    expect(status.autoIndexPaused).toBe(true)
    expect(status.indexed + status.pending).toBe(40)
    expect(await app.autoIndex.check()).toBeNull()
  })

  it('gives way to a job a person starts, and carries on after it as the same job', async () => {
    const app = await openIndexing()
    await app.client.api.models.add({ path: MOBILENET_DIR })
    await app.client.api.search.setAutoIndex({ paused: true })
    await importThroughApi(app, [await photos(80, 40)])

    const states: string[] = []
    app.events.on('jobs.progress', (job) => states.push(`${job.kind}:${job.state}`))
    const running = nextIndexJob(app, 'running')
    await app.client.api.search.setAutoIndex({ paused: false })
    const automatic = (await running).id
    const exported = await app.client.api.exports.start({ format: 'coco', out: join(await tempDir(), 'out') })

    const index = await app.jobs.settled(automatic)
    expect(index.state).toBe('completed')
    expect((await app.jobs.settled(exported.id)).state).toBe('completed')
    // It stepped aside (queued again), the export ran to its end, then indexing finished everything.
    const order = states.filter((entry) => entry !== 'index:running' && entry !== 'export:running')
    expect(order.indexOf('index:queued')).toBeLessThan(order.indexOf('export:completed'))
    expect(order.indexOf('export:completed')).toBeLessThan(order.indexOf('index:completed'))
    expect(await app.client.api.search.status({})).toMatchObject({ indexed: 40, pending: 0 })
  })

  it('"Index now" while an automatic run waits or runs answers with that job, which is then the person\'s', async () => {
    const app = await openIndexing()
    await app.client.api.models.add({ path: MOBILENET_DIR })
    await app.client.api.search.setAutoIndex({ paused: true })
    await importThroughApi(app, [await photos(100, 20)])
    await app.client.api.search.setAutoIndex({ paused: false })
    const automatic = app.jobs.active('index')!
    expect(app.jobs.get(automatic).background).toBe(true)
    expect(await app.client.api.search.index({})).toEqual({ id: automatic })
    expect(app.jobs.get(automatic).background).toBe(false)
    expect((await app.jobs.settled(automatic)).state).toBe('completed')
  })
})
