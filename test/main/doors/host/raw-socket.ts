import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

/**
 * Byte-level clients for the host's attack tests. fetch and the ws client tidy up what they send (dot segments,
 * percent-encoding, valid frames), so requests an attacker would write by hand are written here by hand too.
 */

export interface RawReply {
  status: number
  head: string
  body: string
}

/** Sends `lines` (request line and headers) as they are and reads the reply until the host closes the connection. */
export function rawHttp(port: number, lines: readonly string[]): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1')
      const end = text.indexOf('\r\n\r\n')
      const head = end < 0 ? text : text.slice(0, end)
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0)
      resolve({ status, head, body: end < 0 ? '' : text.slice(end + 4) })
    })
    socket.write(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`)
  })
}

export const get = (port: number, target: string, extra: readonly string[] = []) =>
  rawHttp(port, [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...extra])

export const upgradeHeaders = (port: number) => [
  `Host: 127.0.0.1:${port}`,
  'Upgrade: websocket',
  'Connection: Upgrade',
  `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
  'Sec-WebSocket-Version: 13',
]

/** A WebSocket opened by hand, for sending frames no library would. */
export interface RawWebSocket {
  socket: Socket
  /** Writes one client frame (masked, as clients must); `declaredLength` may claim more than `payload` holds. */
  sendFrame(opcode: number, payload: Uint8Array, declaredLength?: number): void
  /** Resolves with the first close frame's status code the host sends. */
  closeCode(): Promise<number>
}

export function openRawWebSocket(port: number, target: string): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let buffer = Buffer.alloc(0)
    let opened = false
    const closeWaiters: Array<(code: number) => void> = []
    socket.on('error', (error) => (opened ? undefined : reject(error)))
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      if (!opened) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffer.subarray(0, end).toString('latin1')
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`))
        opened = true
        buffer = buffer.subarray(end + 4)
        resolve(raw)
      }
      readFrames()
    })
    const readFrames = () => {
      // Server frames are unmasked; the close frames read here are short.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f
        const length = buffer[1]! & 0x7f
        const size = length < 126 ? 2 + length : length === 126 ? 4 + buffer.readUInt16BE(2) : Infinity
        if (buffer.length < size) return
        const payload = buffer.subarray(length === 126 ? 4 : 2, size)
        buffer = buffer.subarray(size)
        if (opcode === 0x8) for (const waiter of closeWaiters.splice(0)) waiter(payload.length >= 2 ? payload.readUInt16BE(0) : 1005)
      }
    }
    const raw: RawWebSocket = {
      socket,
      sendFrame(opcode, payload, declaredLength = payload.length) {
        const mask = randomBytes(4)
        let header: Buffer
        if (declaredLength < 126) header = Buffer.from([0x80 | opcode, 0x80 | declaredLength])
        else if (declaredLength < 65536) {
          header = Buffer.alloc(4)
          header.writeUInt16BE(declaredLength, 2)
          header[1] = 0x80 | 126
        } else {
          header = Buffer.alloc(10)
          header.writeBigUInt64BE(BigInt(declaredLength), 2)
          header[1] = 0x80 | 127
        }
        header[0] = 0x80 | opcode
        const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))
        socket.write(Buffer.concat([header, mask, masked]))
      },
      closeCode: () => new Promise((done) => closeWaiters.push(done)),
    }
    socket.write(`GET ${target} HTTP/1.1\r\n${upgradeHeaders(port).join('\r\n')}\r\n\r\n`)
  })
}

/** Sends a request and resets the connection (TCP RST) as soon as it is written, before any answer can be. */
export function sendAndReset(port: number, lines: readonly string[]): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${lines.join('\r\n')}\r\n\r\n`, () => {
        socket.resetAndDestroy()
        resolve()
      })
    })
    // Nothing listening any more: the caller's next check reports that.
    socket.on('error', () => resolve())
  })
}
