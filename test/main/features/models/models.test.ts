import { spawnSync } from 'node:child_process'
import { copyFile, cp, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_MANIFEST } from '../../../../src/main/engines/ml'
import { EmbeddingStore } from '../../../../src/main/features/search/embedding-store'
import type { IndexResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, MOBILENET_DIR, REPO_ROOT, tempDir } from '../../../support/paths'

/** The default model's files under another id and name: a second backbone with vectors of its own in the catalogue. */
const COPY_ID = 'mobilenet-copy'
const IMAGES = 24

let loupe: Loupe
let store: EmbeddingStore
let copyDir: string
let names: string[]


async function index(): Promise<IndexResult> {
  const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
  expect(job.state, job.error ?? '').toBe('completed')
  return job.result as IndexResult
}

const idOf = (name: string) =>
  loupe.catalog
    .listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 })
    .items.find((item) => item.fileName === name)!.id

beforeAll(async () => {
  loupe = await freshLoupe()
  store = new EmbeddingStore(loupe.workspace.db)
  const images = await tempDir()
  names = (await readdir(COCO_IMAGES)).sort().slice(0, IMAGES)
  for (const name of names) await copyFile(join(COCO_IMAGES, name), join(images, name))
  await importThroughApi(loupe, [images])
  copyDir = join(await tempDir(), 'copy')
  await cp(MOBILENET_DIR, copyDir, { recursive: true })
  await writeFile(join(copyDir, 'manifest.json'), JSON.stringify({ ...DEFAULT_MODEL_MANIFEST, id: COPY_ID, name: 'MobileNet copy' }))
})

afterAll(async () => loupe?.close())

describe('choosing the embedding model', () => {
  it('makes the first model added to a workspace without its default model the one in use', async () => {
    expect(await loupe.client.api.models.add({ path: copyDir })).toMatchObject({ id: COPY_ID, active: true })
    expect(await loupe.client.api.search.status({})).toMatchObject({
      modelId: COPY_ID,
      modelProblem: null,
      indexed: 0,
      pending: IMAGES,
    })
    expect(await loupe.client.api.models.add({ path: MOBILENET_DIR })).toMatchObject({ id: DEFAULT_MODEL_ID, active: false })
    expect((await loupe.client.api.models.list({})).map((model) => [model.id, model.active])).toEqual([
      [COPY_ID, true],
      [DEFAULT_MODEL_ID, false],
    ])
  })

  it('cancels indexing for the model it leaves, shows the new one pending, and resumes when switched back', async () => {
    const { id: job } = await loupe.client.api.search.index({})
    expect(await loupe.client.api.models.activate({ id: DEFAULT_MODEL_ID })).toMatchObject({ id: DEFAULT_MODEL_ID, active: true })
    expect((await loupe.jobs.settled(job)).state).toBe('cancelled')
    expect(await loupe.client.api.search.status({})).toMatchObject({ modelId: DEFAULT_MODEL_ID, indexed: 0, pending: IMAGES })
    await expect(loupe.client.api.search.similar({ query: { imageId: idOf(names[0]!) }, k: 3 })).rejects.toMatchObject({ code: 'conflict' })
    expect(await index()).toMatchObject({ model: DEFAULT_MODEL_ID, embedded: IMAGES })

    await loupe.client.api.models.activate({ id: COPY_ID })
    const { id: resumed } = await loupe.client.api.search.index({})
    expect(resumed).toBe(job)
    const finished = await loupe.jobs.settled(resumed)
    expect(finished.state).toBe('completed')
    expect((finished.result as IndexResult).model).toBe(COPY_ID)
    expect(store.count(COPY_ID)).toBe(IMAGES)
    expect(await loupe.client.api.search.status({})).toMatchObject({ modelId: COPY_ID, indexed: IMAGES, pending: 0 })
  })

  it('searches the vectors of the model in use, and switching back needs no re-indexing', async () => {
    const [a, b] = [idOf(names[0]!), idOf(names[1]!)]
    // Under the copy's id only, image a is given image b's vector: only a search reading the copy's embeddings sees it.
    const image = { id: a, path: '', contentHash: loupe.catalog.findById(a)!.contentHash }
    store.save(COPY_ID, [{ image, vector: store.vectorOf(COPY_ID, b)! }])
    loupe.events.emit('search.indexChanged', { modelId: COPY_ID })
    const withCopy = await loupe.client.api.search.similar({ query: { imageId: b }, k: 2 })
    expect(withCopy.map((hit) => hit.id).sort()).toEqual([a, b].sort())
    expect(withCopy[1]!.score).toBeGreaterThan(0.999)

    await loupe.client.api.models.activate({ id: DEFAULT_MODEL_ID })
    expect(await loupe.client.api.search.status({})).toMatchObject({ modelId: DEFAULT_MODEL_ID, indexed: IMAGES, pending: 0 })
    const withDefault = await loupe.client.api.search.similar({ query: { imageId: b }, k: 2 })
    expect(withDefault[0]).toMatchObject({ id: b })
    expect(withDefault[1]!.score).toBeLessThan(0.99)
    // The workspace keeps the choice for the next session.
    expect(loupe.workspace.db.prepare("SELECT value FROM settings WHERE key = 'search.model'").get()).toEqual({ value: DEFAULT_MODEL_ID })
  })

  it('refuses a model that is not installed, and keeps the one in use', async () => {
    await expect(loupe.client.api.models.activate({ id: 'no-such-model' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/"no-such-model" is not installed.*loupe models add PATH/s),
    })
    expect((await loupe.client.api.search.status({})).modelId).toBe(DEFAULT_MODEL_ID)
  })

  it('is chosen from the command line with "loupe models use ID"', async () => {
    const ws = await tempDir('loupe-ws-')
    const bin = join(REPO_ROOT, 'bin', 'loupe.js')
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, '--workspace', ws, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 })
    expect(run('models', 'add', MOBILENET_DIR, '--json').status).toBe(0)
    expect(run('models', 'add', copyDir, '--json').status).toBe(0)
    const used = run('models', 'use', COPY_ID, '--json')
    expect(used.stderr).toBe('')
    expect(JSON.parse(used.stdout)).toMatchObject({ id: COPY_ID, active: true, indexed: 0, pending: 0 })
    const listed = JSON.parse(run('models', 'list', '--json').stdout) as { id: string; active?: boolean }[]
    expect(listed.find((model) => model.id === COPY_ID)).toMatchObject({ active: true })
    const missing = run('models', 'use', 'nothing-here')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/^loupe: Model "nothing-here" is not installed/)
    expect(run('models', 'use').status).toBe(2)
  })
})
