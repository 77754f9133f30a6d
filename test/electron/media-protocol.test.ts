import { mkdtempSync, rmSync } from 'node:fs'
import { stat, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openLoupe, type Loupe } from '../../src/main/app/loupe'
import { createMediaProtocolHandler } from '../../src/main/doors/shell/media-protocol'
import { writeJpeg } from '../support/images'

// The media scheme of the desktop window, against a real workspace with real imported files.

const SECRET = 'root:x:0:0:this must never be served'
let dir: string
let loupe: Loupe
let plainId: number
let linkId: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-media-protocol-'))
  await writeJpeg(join(dir, 'images', 'plain.jpg'), 1)
  await writeJpeg(join(dir, 'originals', 'linked.jpg'), 2)
  await writeFile(join(dir, 'secret.txt'), SECRET)
  await symlink(join(dir, 'originals', 'linked.jpg'), join(dir, 'images', 'linked.jpg'))
  loupe = await openLoupe({ workspaceDir: join(dir, 'workspace') })
  const { id } = await loupe.client.api.imports.start({ paths: [join(dir, 'images')] })
  await loupe.jobs.settled(id)
  plainId = loupe.catalog.pathOwner(join(dir, 'images', 'plain.jpg'))!
  linkId = loupe.catalog.pathOwner(join(dir, 'images', 'linked.jpg'))!
})

afterAll(async () => {
  await loupe?.close()
  rmSync(dir, { recursive: true, force: true })
})

const get = (url: string, method = 'GET') => new Request(url, { method })
const handler = () => createMediaProtocolHandler(loupe.media)

async function repoint(target: string): Promise<void> {
  await unlink(join(dir, 'images', 'linked.jpg'))
  await symlink(target, join(dir, 'images', 'linked.jpg'))
}

describe('media protocol', () => {
  it('serves the thumbnail and the original the catalogue has for an id, nosniff', async () => {
    const thumb = await handler()(get(`loupe-media://media/thumb/${plainId}`))
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff')
    const image = await handler()(get(`loupe-media://media/image/${plainId}`))
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect(bytes.length).toBe((await stat(join(dir, 'images', 'plain.jpg'))).size)
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    const head = await handler()(get(`loupe-media://media/image/${plainId}`, 'HEAD'))
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
  })

  it('answers 404 for unknown ids and anything that is not an id, and 405 for writes', async () => {
    for (const url of [
      'loupe-media://media/image/999999',
      'loupe-media://media/raw/1',
      'loupe-media://media/thumb/..%2f..%2fsecret.txt',
      `loupe-media://media/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      `loupe-media://media/thumb/${plainId}abc`,
      `loupe-media://elsewhere/thumb/${plainId}`,
      'loupe-media://media/',
    ]) {
      const response = await handler()(get(url))
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('root:x:0:0')
    }
    expect((await handler()(get(`loupe-media://media/thumb/${plainId}`, 'DELETE'))).status).toBe(405)
  })

  it('refuses an imported link re-pointed at another file, and serves it again once restored', async () => {
    expect((await handler()(get(`loupe-media://media/image/${linkId}`))).status).toBe(200)
    await repoint(join(dir, 'secret.txt'))
    const swapped = await handler()(get(`loupe-media://media/image/${linkId}`))
    expect(swapped.status).toBe(410)
    expect(swapped.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await swapped.text()).toMatch(/changed since it was imported/)

    const sameSize = join(dir, 'same-size.txt')
    await writeFile(sameSize, SECRET.padEnd((await stat(join(dir, 'originals', 'linked.jpg'))).size, '.'))
    await repoint(sameSize)
    const disguised = await handler()(get(`loupe-media://media/image/${linkId}`))
    expect(disguised.status).toBe(410)
    expect(await disguised.text()).not.toContain('root:x:0:0')

    await repoint(join(dir, 'originals', 'linked.jpg'))
    expect((await handler()(get(`loupe-media://media/image/${linkId}`))).status).toBe(200)
  })

  it('answers 500 and logs when the catalogue cannot be read', async () => {
    const closed = await openLoupe({ workspaceDir: join(dir, 'closed-workspace') })
    await closed.close()
    const log = vi.fn()
    const response = await createMediaProtocolHandler(closed.media, log)(get('loupe-media://media/image/1'))
    expect(response.status).toBe(500)
    expect(log).toHaveBeenCalled()
  })
})
