import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { firstLine, messageOf, ModelError } from './errors'

export interface FileDownload {
  url: string
  /** Where the bytes go. A partial file left here by an earlier attempt is continued, not started again. */
  partPath: string
  sha256: string
  bytes: number
  modelId: string
}

export interface FileDownloadOptions {
  signal?: AbortSignal
  onProgress?: (received: number, total: number) => void
  /** Defaults to the global fetch. */
  fetch?: typeof fetch
}

/**
 * Fetches one published file, continuing a partial download with an HTTP range request where the server allows it
 * (a server that answers the whole file again is followed from the start). The bytes are hashed as they arrive; the
 * finished file must have the expected size and SHA-256, or it is deleted and nothing is returned. On a network failure
 * or a cancel the partial file stays, so the next attempt carries on.
 */
export async function downloadFile(download: FileDownload, options: FileDownloadOptions = {}): Promise<void> {
  const details = { modelId: download.modelId, file: download.partPath }
  const doFetch = options.fetch ?? fetch
  await mkdir(dirname(download.partPath), { recursive: true })
  let have = await sizeOf(download.partPath)
  if (have > download.bytes) {
    await rm(download.partPath, { force: true })
    have = 0
  }

  const hash = createHash('sha256')
  if (have === download.bytes) {
    await hashInto(hash, download.partPath)
    return finish(download, hash.digest('hex'), details)
  }

  let response: Response
  try {
    response = await doFetch(download.url, {
      redirect: 'follow',
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (error) {
    if (options.signal?.aborted) throw error
    throw new ModelError('download-failed', `Could not download ${download.url}: ${firstLine(messageOf(error))}.`, details)
  }
  const continuing = have > 0 && response.status === 206 && rangeStartsAt(response, have)
  if (!continuing) have = 0
  if (!(response.ok && response.body)) {
    throw new ModelError('download-failed', `Could not download ${download.url}: HTTP ${response.status} ${response.statusText}.`.trim(), details)
  }
  if (continuing) await hashInto(hash, download.partPath)

  const handle = await open(download.partPath, continuing ? 'a' : 'w')
  let received = have
  try {
    options.onProgress?.(received, download.bytes)
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength
      if (received > download.bytes) {
        throw new ModelError('download-failed', `${download.url} is larger than the ${download.bytes} bytes expected; nothing was installed.`, details)
      }
      hash.update(chunk)
      await handle.write(chunk)
      options.onProgress?.(received, download.bytes)
    }
  } catch (error) {
    if (error instanceof ModelError) {
      await handle.close()
      await rm(download.partPath, { force: true })
      throw error
    }
    if (options.signal?.aborted) throw error
    throw new ModelError('download-failed', `The download of ${download.url} broke off at ${received} of ${download.bytes} bytes (${firstLine(messageOf(error))}); trying again continues from there.`, details)
  } finally {
    await handle.close().catch(() => undefined)
  }
  if (received < download.bytes) {
    throw new ModelError('download-failed', `The download of ${download.url} ended at ${received} of ${download.bytes} bytes; trying again continues from there.`, details)
  }
  await finish(download, hash.digest('hex'), details)
}

async function finish(download: FileDownload, actual: string, details: { modelId: string; file: string }): Promise<void> {
  if (actual === download.sha256) return
  await rm(download.partPath, { force: true })
  throw new ModelError(
    'hash-mismatch',
    `The file downloaded from ${download.url} is not the published model (SHA-256 ${actual}, expected ${download.sha256}); it was deleted and nothing was installed.`,
    details,
  )
}

/** A 206 reply continues our partial file only if its Content-Range starts where the file ends. */
function rangeStartsAt(response: Response, offset: number): boolean {
  const range = response.headers.get('content-range')
  const start = range ? /^bytes (\d+)-/.exec(range)?.[1] : undefined
  return start !== undefined && Number(start) === offset
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

async function hashInto(hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
}
