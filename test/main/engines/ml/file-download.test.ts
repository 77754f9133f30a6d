import { copyFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { downloadFile, KNOWN_MODELS, ModelError, type PublishedFile } from '../../../../src/main/engines/ml'
import { serveFiles, type FileServer } from '../../../support/file-server'
import { REPO_ROOT, tempDir } from '../../../support/paths'

/** The published model files, as the shared test data holds them (the same bytes their home sites serve). */
const TFLITE_DIR = resolve(REPO_ROOT, '..', 'shared', 'models', 'tflite')
const published = KNOWN_MODELS.flatMap((model) => (model.source ? [{ id: model.id, source: model.source }] : []))
const v1 = published.find((entry) => entry.id === 'mobilenet-v1-1.0-224')!

let server: FileServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function fetchV1(options: Parameters<typeof serveFiles>[1] = {}, source: PublishedFile = v1.source, partPath?: string) {
  server ??= await serveFiles(TFLITE_DIR, options)
  const part = partPath ?? join(await tempDir('loupe-download-'), 'model.part')
  const progress: Array<[number, number]> = []
  const run = downloadFile(
    { url: new URL(source.fileName, server.url).href, partPath: part, sha256: source.sha256, bytes: source.bytes, modelId: v1.id },
    { onProgress: (received, total) => progress.push([received, total]) },
  )
  return { run, part, progress }
}

describe('downloadFile', () => {
  it('every known downloadable model names a file the shared data holds with that size (the hashes are checked below)', async () => {
    const files = await readdir(TFLITE_DIR)
    for (const { source } of published) {
      expect(files).toContain(source.fileName)
      expect((await stat(join(TFLITE_DIR, source.fileName))).size).toBe(source.bytes)
    }
  })

  it('fetches the published file, reporting progress, and accepts it only with the published SHA-256', async () => {
    for (const { source } of published) {
      const { run, part, progress } = await fetchV1({}, source)
      await run
      expect((await stat(part)).size).toBe(source.bytes)
      expect(progress.at(-1)).toEqual([source.bytes, source.bytes])
      expect(progress.length).toBeGreaterThan(2)
    }
  })

  it('a download that breaks off continues from where it stopped with a range request', async () => {
    const cutAfter = 1_000_000
    const { run, part } = await fetchV1({ fault: (_, count) => (count === 1 ? 'cut' : null), cutAfter })
    const error = await run.then(() => null, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).message).toMatch(/broke off|ended at/)
    // What arrived before the connection closed is kept (the HTTP client may drop its last, unfinished piece).
    const kept = (await stat(part)).size
    expect(kept).toBeLessThanOrEqual(cutAfter)

    const again = await fetchV1({}, v1.source, part)
    await again.run
    expect(server!.requests.map((request) => request.range)).toEqual([null, kept > 0 ? `bytes=${kept}-` : null])
    expect((await stat(part)).size).toBe(v1.source.bytes)
    expect(again.progress[0]).toEqual([kept, v1.source.bytes])
  })

  it('a server that ignores ranges sends the whole file again, which is taken from the start', async () => {
    const dir = await tempDir('loupe-download-')
    const part = join(dir, 'model.part')
    await writeFile(part, new Uint8Array(500_000).fill(7))
    const { run } = await fetchV1({ ranges: false }, v1.source, part)
    await run
    expect((await stat(part)).size).toBe(v1.source.bytes)
  })

  it('a complete partial file is checked without fetching anything', async () => {
    const dir = await tempDir('loupe-download-')
    const part = join(dir, 'model.part')
    await copyFile(join(TFLITE_DIR, v1.source.fileName), part)
    const { run } = await fetchV1({}, v1.source, part)
    await run
    expect(server!.requests).toEqual([])
  })

  it('other bytes than the published ones are deleted and refused; a missing file is a clear error', async () => {
    const other = published.find((entry) => entry.id !== v1.id)?.source
    // Another published file under V1's name and size limit stands in for a tampered or wrong download.
    const impostor: PublishedFile = { ...v1.source, fileName: other?.fileName ?? v1.source.fileName, sha256: '0'.repeat(64), bytes: other?.bytes ?? v1.source.bytes }
    const { run, part } = await fetchV1({}, impostor)
    const error = (await run.then(() => null, (caught: unknown) => caught)) as ModelError
    expect(error.code).toBe('hash-mismatch')
    expect(error.message).toContain('nothing was installed')
    await expect(stat(part)).rejects.toThrow()

    const missing = await fetchV1({}, { ...v1.source, fileName: 'no-such-model.tflite' })
    const notFound = (await missing.run.then(() => null, (caught: unknown) => caught)) as ModelError
    expect(notFound.code).toBe('download-failed')
    expect(notFound.message).toContain('HTTP 404')
  })

  it('a file larger than published is cut short and refused, and nothing is kept', async () => {
    const { run, part } = await fetchV1({}, { ...v1.source, bytes: 1000 })
    const error = (await run.then(() => null, (caught: unknown) => caught)) as ModelError
    expect(error.message).toContain('larger than the 1000 bytes expected')
    await expect(stat(part)).rejects.toThrow()
  })
})
