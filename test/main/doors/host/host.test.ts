import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startHost, type Host } from '../../../../src/main/doors/host/server'
import { CHANNELS } from '../../../../src/shared/api/contract'
import { createClient, type LoupeClient, type Transport } from '../../../../src/shared/api/client'
import type { Envelope } from '../../../../src/shared/api/errors'
import type { WsServerFrame } from '../../../../src/shared/api/wire'
import { writeJpeg } from '../../../support/images'
import { tempDir } from '../../../support/paths'

let host: Host
let token: string
let imagesDir: string

/** A Node WebSocket transport speaking the same frames as the renderer's, for testing the host from outside. */
async function connect(url: string): Promise<{ client: LoupeClient; socket: WebSocket; events: string[] }> {
  const socket = new WebSocket(url)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const pending = new Map<number, (envelope: Envelope) => void>()
  const listeners = new Set<(event: string, payload: unknown) => void>()
  const events: string[] = []
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as WsServerFrame
    if (frame.type === 'reply') pending.get(frame.id)?.(frame.envelope)
    else {
      events.push(frame.event)
      for (const listener of listeners) listener(frame.event, frame.payload)
    }
  })
  let next = 0
  const transport: Transport = {
    invoke: (channel, payload) =>
      new Promise((resolve) => {
        const id = ++next
        pending.set(id, resolve)
        socket.send(JSON.stringify({ type: 'call', id, channel, payload }))
      }),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (kind, id) => `http://127.0.0.1:${host.port}/media/${kind}/${id}?token=${token}`,
    pathForFile: () => null,
  }
  return { client: createClient(transport), socket, events }
}

const apiUrl = (withToken: string) => `ws://127.0.0.1:${host.port}/api?token=${encodeURIComponent(withToken)}`

beforeAll(async () => {
  const rendererDir = await tempDir('loupe-renderer-')
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Loupe</title>')
  host = await startHost({ workspaceDir: await tempDir('loupe-ws-'), rendererDir })
  token = new URL(host.url).hash.replace('#token=', '')
  imagesDir = await tempDir()
  await mkdir(imagesDir, { recursive: true })
  await writeJpeg(join(imagesDir, 'one.jpg'), 1)
  await writeJpeg(join(imagesDir, 'two.jpg'), 2)
})
afterAll(async () => host?.close())

describe('Node host', () => {
  it('binds to loopback and serves the renderer with a strict CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/)
    const response = await fetch(`http://127.0.0.1:${host.port}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await response.text()).toContain('<title>Loupe</title>')
  })

  it('exposes exactly the contract, the same surface as the Electron bridge', () => {
    expect([...host.loupe.dispatcher.channels].sort()).toEqual([...CHANNELS].sort())
  })

  it('answers calls, pushes job events, and turns bad requests into typed errors', async () => {
    const { client, socket, events } = await connect(apiUrl(token))
    try {
      const { id } = await client.api.imports.start({ paths: [imagesDir] })
      await host.loupe.jobs.settled(id)
      expect(events).toContain('jobs.progress')
      expect((await client.api.catalog.stats({})).images).toBe(2)

      await expect(client.api.catalog.getImage({ id: -4 })).rejects.toMatchObject({ code: 'bad_request' })
      await expect(client.api.catalog.getImage({ id: 999 })).rejects.toMatchObject({ code: 'not_found' })
      const unknown = await new Promise<Envelope>((resolve) => {
        socket.once('message', (data) => resolve((JSON.parse(data.toString()) as { envelope: Envelope }).envelope))
        socket.send(JSON.stringify({ type: 'call', id: 777, channel: 'catalog.dropEverything', payload: {} }))
      })
      expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    } finally {
      socket.close()
    }
  })

  it('serves thumbnails and originals of catalogued images', async () => {
    const base = `http://127.0.0.1:${host.port}`
    const [first] = host.loupe.catalog.listImages({ filter: {}, sort: 'added', descending: false, offset: 0, limit: 1 }).items
    const thumb = await fetch(`${base}/media/thumb/${first!.id}?token=${token}`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('content-type')).toBe('image/webp')
    const image = await fetch(`${base}/media/image/${first!.id}?token=${token}`)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    // Refusals (no token, unknown ids, paths in any spelling) are in attacks.test.ts.
  })
})
