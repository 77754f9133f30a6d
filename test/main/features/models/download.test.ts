import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { copyFile, readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import type { IndexResult, JobSummary, ModelDownloadResult } from '../../../../src/shared/api/schemas'
import { LOUPE_BIN } from '../../../support/cli'
import { serveFiles, type FileServer, type FileServerOptions } from '../../../support/file-server'
import { importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, REPO_ROOT, tempDir } from '../../../support/paths'

const execFileAsync = promisify(execFile)

/** The published model files (the same bytes their home sites serve), served from 127.0.0.1 as the mirror. */
const PUBLISHED = resolve(REPO_ROOT, '..', 'shared', 'models', 'tflite')
const V1 = 'mobilenet-v1-1.0-224'
const V1_FILE = 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite'
const V1_BYTES = 3_251_736

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function mirrored(options: FileServerOptions = {}): Promise<{ loupe: Loupe; server: FileServer; modelsDir: string }> {
  const server = await serveFiles(PUBLISHED, options)
  cleanups.push(() => server.close())
  const modelsDir = await tempDir('loupe-models-')
  const loupe = await openLoupe({ workspaceDir: await tempDir('loupe-ws-'), modelsDir, modelMirror: server.url })
  cleanups.push(() => loupe.close())
  return { loupe, server, modelsDir }
}

describe('downloading a known model', () => {
  it('fetches, checks and installs it as a job with progress in bytes, and makes it the model in use', async () => {
    const { loupe } = await mirrored()
    const progress: JobSummary[] = []
    const stop = loupe.events.on('jobs.progress', (job) => progress.push(job))
    const { id } = await loupe.client.api.models.download({ id: V1 })
    const job = await loupe.jobs.settled(id)
    stop()
    expect(job.state, job.error ?? '').toBe('completed')
    expect(job.result as ModelDownloadResult).toEqual({ modelId: V1, bytes: V1_BYTES, activated: true })
    expect(progress.filter((update) => update.id === id).at(-1)).toMatchObject({ done: V1_BYTES, total: V1_BYTES })

    const [model] = await loupe.client.api.models.list({})
    expect(model).toMatchObject({ id: V1, dimension: 1024, active: true, problem: null, name: 'MobileNetV1 1.0 (224 px, ImageNet)' })
    expect((await loupe.client.api.models.known({})).find((known) => known.id === V1)?.installed).toBe(true)
    expect((await loupe.client.api.search.status({})).modelProblem).toBeNull()
  })

  it('a download that broke off carries on from the bytes it has when resumed, with a range request', async () => {
    const { loupe, server, modelsDir } = await mirrored({ fault: (_, count) => (count === 1 ? 'cut' : null), cutAfter: 1_000_000 })
    const { id } = await loupe.client.api.models.download({ id: V1 })
    const failed = await loupe.jobs.settled(id)
    expect(failed.state).toBe('failed')
    expect(failed.error).toContain('trying again continues from there')
    // What arrived before the connection closed is kept (the HTTP client may drop its last, unfinished piece).
    const kept = (await stat(join(modelsDir, '.downloads', `${V1_FILE}.part`))).size
    expect(kept).toBeLessThanOrEqual(1_000_000)
    expect(await loupe.client.api.models.list({})).toEqual([])

    const job = await loupe.jobs.settled((await loupe.client.api.jobs.resume({ id })).id)
    expect(job.state, job.error ?? '').toBe('completed')
    expect(server.requests.map((request) => request.range)).toEqual([null, kept > 0 ? `bytes=${kept}-` : null])
    // The partial file is gone once the model is in.
    expect(await readdir(join(modelsDir, '.downloads'))).toEqual([])
    expect((await loupe.client.api.models.list({})).map((model) => model.id)).toEqual([V1])
  })

  it('a download cancelled in the middle is resumed and completes', async () => {
    let release = () => {}
    const until = new Promise<void>((done) => (release = done))
    let held = () => {}
    const heldBack = new Promise<void>((done) => (held = done))
    const { loupe, server, modelsDir } = await mirrored({ hold: { afterBytes: 1_000_000, until, onHeld: () => held() } })
    const { id } = await loupe.client.api.models.download({ id: V1 })
    await heldBack
    loupe.jobs.cancel(id)
    expect((await loupe.jobs.settled(id)).state).toBe('cancelled')
    const kept = (await stat(join(modelsDir, '.downloads', `${V1_FILE}.part`))).size
    expect(kept).toBeLessThanOrEqual(1_000_000)
    release()

    const job = await loupe.jobs.settled((await loupe.client.api.jobs.resume({ id })).id)
    expect(job.state, job.error ?? '').toBe('completed')
    expect(server.requests[1]?.range).toBe(kept > 0 ? `bytes=${kept}-` : null)
    expect((await loupe.client.api.models.list({})).map((model) => model.id)).toEqual([V1])
  })

  it('says why when it cannot: an unknown id, a model Loupe cannot download, a mirror without the file', async () => {
    const { loupe } = await mirrored()
    await expect(loupe.client.api.models.download({ id: 'no-such-model' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(loupe.client.api.models.download({ id: 'mobilenet-v2-0.35-224' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('Add it from a folder'),
    })

    const empty = await serveFiles(await tempDir('loupe-empty-mirror-'))
    cleanups.push(() => empty.close())
    const other = await openLoupe({ workspaceDir: await tempDir('loupe-ws-'), modelsDir: await tempDir('loupe-models-'), modelMirror: empty.url })
    cleanups.push(() => other.close())
    const job = await other.jobs.settled((await other.client.api.models.download({ id: V1 })).id)
    expect(job.state).toBe('failed')
    expect(job.error).toContain('HTTP 404')
    expect(await other.client.api.models.list({})).toEqual([])
  })

  it('the same file added by hand is recognised as the known model and indexes on onnxruntime, or wasm when told', async () => {
    const dir = await tempDir('loupe-renamed-')
    // Renamed on the way (as a USB stick or a download folder would): recognised by its SHA-256, not its name.
    const renamed = join(dir, 'backbone.tflite')
    await copyFile(join(PUBLISHED, V1_FILE), renamed)
    const modelsDir = await tempDir('loupe-models-')
    const images = await tempDir('loupe-images-')
    for (const name of (await readdir(COCO_IMAGES)).sort().slice(0, 4)) await copyFile(join(COCO_IMAGES, name), join(images, name))

    const backends: string[] = []
    for (const backend of ['onnxruntime', 'wasm']) {
      const saved = process.env.LOUPE_BACKEND
      process.env.LOUPE_BACKEND = backend
      try {
        const loupe = await openLoupe({ workspaceDir: await tempDir('loupe-ws-'), modelsDir })
        cleanups.push(() => loupe.close())
        expect(await loupe.client.api.models.add({ path: renamed })).toMatchObject({ id: V1, active: true, dimension: 1024 })
        await importThroughApi(loupe, [images])
        const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
        expect(job.state, job.error ?? '').toBe('completed')
        backends.push((job.result as IndexResult).backend)
      } finally {
        if (saved === undefined) delete process.env.LOUPE_BACKEND
        else process.env.LOUPE_BACKEND = saved
      }
    }
    expect(backends[0]).toMatch(/^onnxruntime/)
    expect(backends[1]).toMatch(/^wasm/)
  })

  it('"loupe models download ID" fetches from LOUPE_MODEL_MIRROR and installs for every workspace', async () => {
    const server = await serveFiles(PUBLISHED)
    cleanups.push(() => server.close())
    const modelsDir = await tempDir('loupe-models-')
    const workspace = await tempDir('loupe-ws-')
    // Asynchronous: the mirror answers from this process, which must keep running while the CLI downloads.
    const run = (...args: string[]) =>
      execFileAsync(process.execPath, [LOUPE_BIN, '--workspace', workspace, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, LOUPE_MODELS_DIR: modelsDir, LOUPE_MODEL_MIRROR: server.url },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      )
    const downloaded = await run('models', 'download', V1, '--json')
    expect(downloaded.stderr).toBe('')
    expect(JSON.parse(downloaded.stdout)).toEqual({ modelId: V1, bytes: V1_BYTES, activated: true })
    const refused = await run('models', 'download', 'mobilenet-v2-0.35-224')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('cannot be downloaded')
    expect((await run('models', 'known')).stdout).toMatch(new RegExp(`${V1}.*installed`))
  })
})
