import { mkdir, rm, symlink, unlink, writeFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startHost, type Host } from '../../../../src/main/doors/host/server'
import { thumbnailPath } from '../../../../src/main/features/media'
import type { WsServerFrame } from '../../../../src/shared/api/wire'
import { writeJpeg } from '../../../support/images'
import { tempDir } from '../../../support/paths'
import { get, openRawWebSocket, rawHttp, sendAndReset, upgradeHeaders } from './raw-socket'

/**
 * The standing list of what someone on this machine (or a web page in one of its browsers) might throw at the Node
 * host. Each case stays here once fixed, so a later change that reopens it fails. The host must answer every one
 * with a refusal and keep serving.
 */

const SECRET = 'root:x:0:0:this must never be served'

let host: Host
let token: string
let base: string
let root: string
let imagesDir: string
const logged: string[] = []
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  root = await tempDir('loupe-attacks-')
  const rendererDir = join(root, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Loupe</title>')
  await writeFile(join(root, 'secret.txt'), SECRET)
  await writeFile(join(root, 'secret.json'), SECRET)
  host = await startHost({ workspaceDir: join(root, 'workspace'), rendererDir, log: (line) => logged.push(line) })
  token = new URL(host.url).hash.replace('#token=', '')
  base = `http://127.0.0.1:${host.port}`

  imagesDir = join(root, 'images')
  await writeJpeg(join(imagesDir, 'plain.jpg'), 1)
  await writeJpeg(join(root, 'originals', 'linked.jpg'), 2)
  await writeJpeg(join(root, 'originals', 'other.jpg'), 3, 200, 100)
  await symlink(join(root, 'originals', 'linked.jpg'), join(imagesDir, 'linked.jpg'))
  const { id } = await host.loupe.client.api.imports.start({ paths: [imagesDir] })
  await host.loupe.jobs.settled(id)
})

afterAll(async () => {
  await host?.close()
  process.off('unhandledRejection', onUnhandled)
})

const apiTarget = (withToken: string) => `/api?token=${encodeURIComponent(withToken)}`

/** Whether the host still does its job: a real call over a real socket gets its answer. */
async function hostStillAnswers(): Promise<void> {
  const { send, close } = await openSocket()
  try {
    const reply = await send({ type: 'call', id: 1, channel: 'catalog.stats', payload: {} })
    expect(reply).toMatchObject({ type: 'reply', id: 1, envelope: { ok: true } })
  } finally {
    close()
  }
}

/**
 * A ws client that sends raw text and collects every frame the host sends back. `send` resolves with the first reply
 * whose id is the one given, after checking nothing else arrived before it.
 */
async function openSocket() {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${apiTarget(token)}`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const received: WsServerFrame[] = []
  const waiters = new Set<() => void>()
  socket.on('message', (data) => {
    received.push(JSON.parse(data.toString()) as WsServerFrame)
    for (const waiter of waiters) waiter()
  })
  const replyTo = (id: number) =>
    new Promise<WsServerFrame>((resolve) => {
      const check = () => {
        const found = received.find((frame) => frame.type === 'reply' && frame.id === id)
        if (found) {
          waiters.delete(check)
          resolve(found)
        }
      }
      waiters.add(check)
      check()
    })
  return {
    received,
    replyTo,
    sendText: (text: string) => socket.send(text),
    send: (frame: unknown) => {
      socket.send(JSON.stringify(frame))
      return replyTo((frame as { id: number }).id)
    },
    close: () => socket.close(),
    socket,
  }
}

function upgradeOutcome(target: string, headers: Record<string, string> = {}): Promise<'open' | 'refused'> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${target}`, { headers })
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close()
      resolve('open')
    })
    socket.once('error', () => resolve('refused'))
  })
}

describe('before authentication', () => {
  it('refuses an upgrade whose URL cannot be parsed with 400, and keeps running', async () => {
    for (const target of ['//[', '//[::1', 'http://[/api']) {
      const reply = await rawHttp(host.port, [`GET ${target} HTTP/1.1`, ...upgradeHeaders(host.port)])
      expect(reply.status, target).toBe(400)
    }
    await hostStillAnswers()
  })

  it('lives through clients that reset the connection before their refusal is written', async () => {
    for (let i = 0; i < 50; i++) {
      await sendAndReset(host.port, [`GET /api?token=wrong-${i} HTTP/1.1`, ...upgradeHeaders(host.port)])
    }
    await hostStillAnswers()
  })

  it('answers a plain request whose URL cannot be parsed with 400', async () => {
    for (const target of ['//[', '/%E0%A4%A', '/%']) {
      const reply = await get(host.port, target)
      expect(reply.status, target).toBe(400)
    }
  })

  it('refuses WebSocket connections without the right token', async () => {
    for (const bad of ['', 'wrong-token', `${token}x`, token.slice(0, -1), token.toUpperCase()]) {
      if (bad === token) continue
      expect(await upgradeOutcome(apiTarget(bad)), bad).toBe('refused')
    }
    expect(await upgradeOutcome('/api')).toBe('refused')
    expect(await upgradeOutcome(`/api?token=wrong&token=${token}`)).toBe('refused')
    expect(await upgradeOutcome(`/other?token=${token}`)).toBe('refused')
  })

  it('refuses WebSocket connections from another origin, even with the token', async () => {
    for (const origin of ['https://evil.example', 'null', `http://localhost:${host.port}`, `http://127.0.0.1:${host.port + 1}`]) {
      expect(await upgradeOutcome(apiTarget(token), { Origin: origin }), origin).toBe('refused')
    }
    // Browsers always send Origin; a client without one is a program on this machine, which holds the token.
    expect(await upgradeOutcome(apiTarget(token), { Origin: base })).toBe('open')
    expect(await upgradeOutcome(apiTarget(token))).toBe('open')
  })

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const reply = await rawHttp(host.port, ['GET / HTTP/1.1', 'Host: evil.example'])
    expect(reply.status).toBe(421)
    const upgrade = await rawHttp(host.port, [
      `GET ${apiTarget(token)} HTTP/1.1`,
      ...upgradeHeaders(host.port).map((line) => (line.startsWith('Host:') ? 'Host: evil.example' : line)),
    ])
    expect(upgrade.status).not.toBe(101)
  })

  it('never serves a file outside the renderer folder', async () => {
    for (const target of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      `/${join(root, 'secret.txt')}`,
      `${join(root, 'secret.txt')}`,
      '/%2f..%2f..%2fsecret.txt',
      '/index.html%00/../../secret.txt',
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const reply = await get(host.port, target)
      expect(reply.status, target).toBeGreaterThanOrEqual(400)
      expect(reply.status, target).toBeLessThan(500)
      expect(reply.body, target).not.toContain('root:x:0:0')
    }
  })

  it('serves the page with a policy that forbids forms, framing and foreign scripts', async () => {
    const reply = await get(host.port, '/')
    expect(reply.status).toBe(200)
    const csp = /content-security-policy: (.*)/i.exec(reply.head)?.[1] ?? ''
    for (const rule of ["form-action 'none'", "frame-ancestors 'none'", "object-src 'none'", "script-src 'self'"]) {
      expect(csp).toContain(rule)
    }
    expect(reply.head).toMatch(/x-content-type-options: nosniff/i)
  })
})

describe('media', () => {
  const media = (path: string, withToken = token) => get(host.port, `/media${path}?token=${encodeURIComponent(withToken)}`)
  const idOf = (name: string) => host.loupe.catalog.pathOwner(join(imagesDir, name))!

  it('needs the token and a catalogue id, never a path', async () => {
    const id = idOf('plain.jpg')
    expect((await media(`/image/${id}`, 'wrong')).status).toBe(403)
    expect((await get(host.port, `/media/image/${id}`)).status).toBe(403)
    for (const target of [
      '/..%2F..%2Fworkspace%2Fcatalog.sqlite',
      `/image/${id}%2F..%2F..%2Fsecret.txt`,
      `/image/${id}/../../../secret.txt`,
      `/image/%2e%2e/%2e%2e/secret.txt`,
      `/image/${encodeURIComponent(join(root, 'secret.txt'))}`,
      `/image/${join(root, 'secret.txt')}`,
      `/image/0${id}`,
      `/image/-${id}`,
      `/image/${id}.0`,
      '/image/99999999999999999999',
      '/image/424242',
      '/__proto__/1',
      `/constructor/${id}`,
    ]) {
      const reply = await media(target)
      expect(reply.status, target).toBeGreaterThanOrEqual(400)
      expect(reply.status, target).toBeLessThan(500)
      expect(reply.body, target).not.toContain('root:x:0:0')
    }
  })

  it('marks every media reply nosniff', async () => {
    const reply = await media(`/image/${idOf('plain.jpg')}`)
    expect(reply.status).toBe(200)
    expect(reply.head).toMatch(/content-type: image\/jpeg/i)
    expect(reply.head).toMatch(/x-content-type-options: nosniff/i)
  })

  describe('an imported symbolic link pointed somewhere else afterwards', () => {
    const link = () => join(imagesDir, 'linked.jpg')
    const repoint = async (target: string) => {
      await unlink(link())
      await symlink(target, link())
    }
    afterAll(async () => repoint(join(root, 'originals', 'linked.jpg')))

    it('is served while it still points at the imported file', async () => {
      const reply = await media(`/image/${idOf('linked.jpg')}`)
      expect(reply.status).toBe(200)
    })

    it('is refused when it now points at a text file', async () => {
      await repoint(join(root, 'secret.txt'))
      const reply = await media(`/image/${idOf('linked.jpg')}`)
      expect(reply.status).toBe(410)
      expect(reply.body).not.toContain('root:x:0:0')
      expect(reply.body).toMatch(/changed/i)
    })

    it('is refused when the new target has the same size but is not a JPEG', async () => {
      const size = (await stat(join(root, 'originals', 'linked.jpg'))).size
      const sameSize = join(root, 'same-size.txt')
      await writeFile(sameSize, SECRET.padEnd(size, '.'))
      await repoint(sameSize)
      const reply = await media(`/image/${idOf('linked.jpg')}`)
      expect(reply.status).toBe(410)
      expect(reply.body).not.toContain('root:x:0:0')
    })

    it('is refused when it now points at a folder', async () => {
      await repoint(root)
      const reply = await media(`/image/${idOf('linked.jpg')}`)
      expect([404, 410]).toContain(reply.status)
    })

    it('does not rebuild a lost thumbnail from whatever the link points at now', async () => {
      const id = idOf('linked.jpg')
      await rm(thumbnailPath(host.loupe.workspace.thumbsDir, host.loupe.catalog.findById(id)!.contentHash))
      await repoint(join(root, 'originals', 'other.jpg'))
      expect((await media(`/thumb/${id}`)).status).toBe(410)
      await repoint(join(root, 'originals', 'linked.jpg'))
      const rebuilt = await media(`/thumb/${id}`)
      expect(rebuilt.status).toBe(200)
      expect(rebuilt.head).toMatch(/content-type: image\/webp/i)
    })
  })
})

describe('frames', () => {
  it('closes a connection whose frame is over the size limit with 1009, and keeps running', async () => {
    const raw = await openRawWebSocket(host.port, apiTarget(token))
    const closed = raw.closeCode()
    // Only the header is sent: the host must refuse on the announced length, before buffering anything.
    raw.sendFrame(0x1, new Uint8Array(0), 300 * 1024 * 1024)
    expect(await closed).toBe(1009)
    raw.socket.destroy()
    await hostStillAnswers()
  })

  it('closes a connection whose text frame is not UTF-8 with 1007, and keeps running', async () => {
    const raw = await openRawWebSocket(host.port, apiTarget(token))
    const closed = raw.closeCode()
    raw.sendFrame(0x1, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))
    expect(await closed).toBe(1007)
    raw.socket.destroy()
    await hostStillAnswers()
  })

  it('accepts an import of a million paths, larger than the old 16 MiB limit, and answers it', async () => {
    const { send, close } = await openSocket()
    try {
      const paths = Array.from({ length: 1_000_000 }, (_, i) => join(imagesDir, 'not-there', `image-${i}.jpg`))
      // The last path is relative, so the request is refused with its reason and no million-file job starts.
      paths[paths.length - 1] = 'relative/last.jpg'
      expect(JSON.stringify(paths).length).toBeGreaterThan(16 * 1024 * 1024)
      const reply = await send({ type: 'call', id: 9, channel: 'imports.start', payload: { paths } })
      expect(reply).toMatchObject({ type: 'reply', id: 9, envelope: { ok: false, error: { code: 'bad_request' } } })
      expect(JSON.stringify(reply)).toContain('relative/last.jpg')
    } finally {
      close()
    }
  }, 180_000)

  it('answers channels named after Object.prototype properties as unknown methods', async () => {
    const { send, close } = await openSocket()
    try {
      let id = 100
      for (const channel of [
        '__proto__.toString',
        '__proto__',
        'constructor.name',
        'constructor.constructor',
        'toString',
        'hasOwnProperty',
        'catalog.__proto__',
        'catalog.constructor',
        'catalog.stats.extra',
        '',
        '.',
      ]) {
        const reply = await send({ type: 'call', id: ++id, channel, payload: {} })
        expect(reply, channel).toMatchObject({
          envelope: { ok: false, error: { code: 'bad_request', message: expect.stringContaining('Unknown API method') } },
        })
      }
    } finally {
      close()
    }
    expect(unhandled).toEqual([])
  })

  it('answers malformed calls that carry a usable id with an error, and drops the rest with a log line', async () => {
    const { send, sendText, received, close } = await openSocket()
    try {
      for (const [id, frame] of [
        [201, { type: 'call', id: 201 }],
        [202, { type: 'call', id: 202, channel: 42 }],
        [203, { type: 'hello', id: 203, channel: 'catalog.stats' }],
        [204, { id: 204, channel: 'catalog.stats' }],
      ] as const) {
        const reply = await send(frame)
        expect(reply, JSON.stringify(frame)).toMatchObject({ type: 'reply', id, envelope: { ok: false, error: { code: 'bad_request' } } })
      }
      const before = logged.length
      const unusable = ['{ not json', 'null', '[]', '42', '"call"', '{"type":"call","id":"1","channel":"catalog.stats"}', '{"type":"call","id":1.5}']
      for (const text of unusable) sendText(text)
      const seen = received.length
      // Frames are handled in order, so once this reply is in, every frame above has been dealt with.
      expect(await send({ type: 'call', id: 300, channel: 'catalog.stats', payload: {} })).toMatchObject({ envelope: { ok: true } })
      expect(received.slice(seen).map((frame) => (frame.type === 'reply' ? frame.id : frame.event))).toEqual([300])
      expect(logged.length - before).toBe(unusable.length)
      for (const line of logged.slice(before)) expect(line).toMatch(/dropped/i)
    } finally {
      close()
    }
    expect(unhandled).toEqual([])
  })
})
