import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import { REPO_ROOT, tempDir } from '../../../support/paths'
import { openRawWebSocket, rawHttp, sendAndReset, upgradeHeaders } from './raw-socket'

/**
 * `npm run serve` as its own process: what attacks.test.ts checks in-process, seen from outside, where an uncaught
 * error would end the process (vitest only reports it).
 */

let child: ChildProcess
let url: URL
let exited: Promise<number | null>

beforeAll(async () => {
  const workspace = join(await tempDir('loupe-serve-'), 'workspace')
  child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['src/main/doors/host/serve.ts', '--workspace', workspace], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  exited = new Promise((resolve) => child.once('exit', resolve))
  const lines = createInterface({ input: child.stdout! })
  const stderr: string[] = []
  child.stderr!.on('data', (chunk) => stderr.push(String(chunk)))
  url = await new Promise<URL>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('Open ')) resolve(new URL(line.slice('Open '.length)))
    })
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr.join('')}`)))
  })
})

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM')
    await exited
  }
})

const port = () => Number(url.port)
const token = () => url.hash.replace('#token=', '')

async function stillAnswers(): Promise<void> {
  const socket = new WebSocket(`ws://127.0.0.1:${port()}/api?token=${encodeURIComponent(token())}`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const reply = await new Promise<unknown>((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())))
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'workspace.info', payload: {} }))
  })
  socket.close()
  expect(reply).toMatchObject({ type: 'reply', id: 1, envelope: { ok: true } })
}

it('lives through an unparseable upgrade URL, resets, an oversized frame and a non-UTF-8 frame', async () => {
  const refused = await rawHttp(port(), ['GET //[ HTTP/1.1', ...upgradeHeaders(port())])
  expect(refused.status).toBe(400)
  await stillAnswers()

  for (let i = 0; i < 50; i++) await sendAndReset(port(), [`GET /api?token=wrong-${i} HTTP/1.1`, ...upgradeHeaders(port())])
  await stillAnswers()

  const big = await openRawWebSocket(port(), `/api?token=${encodeURIComponent(token())}`)
  const bigClosed = big.closeCode()
  big.sendFrame(0x1, new Uint8Array(0), 300 * 1024 * 1024)
  expect(await bigClosed).toBe(1009)
  big.socket.destroy()
  await stillAnswers()

  const garbled = await openRawWebSocket(port(), `/api?token=${encodeURIComponent(token())}`)
  const garbledClosed = garbled.closeCode()
  garbled.sendFrame(0x1, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))
  expect(await garbledClosed).toBe(1007)
  garbled.socket.destroy()
  await stillAnswers()

  expect(child.exitCode).toBeNull()
})

it('stops cleanly on SIGTERM', async () => {
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
})
