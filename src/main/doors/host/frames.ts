/**
 * Reads one client frame. Anything can arrive here (the token only proves who sent it, not that it is well formed),
 * so every outcome is a value, never an exception: a call to dispatch, an error to send back to a usable id, or a
 * frame to drop because there is no id to answer.
 */
export type FrameReading =
  | { kind: 'call'; id: number; channel: string; payload: unknown }
  | { kind: 'refuse'; id: number; message: string }
  | { kind: 'drop'; reason: string }

export function readFrame(text: string): FrameReading {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return { kind: 'drop', reason: 'it is not JSON' }
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
    return { kind: 'drop', reason: 'it is not a JSON object' }
  }
  // Own properties only, so nothing is ever read off Object.prototype.
  const field = (name: string): unknown => (Object.hasOwn(frame, name) ? (frame as Record<string, unknown>)[name] : undefined)
  const id = field('id')
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return { kind: 'drop', reason: 'it has no whole-number id to answer' }
  const type = field('type')
  if (type !== 'call') return { kind: 'refuse', id, message: `Unknown frame type ${describe(type)}: the host only accepts "call".` }
  const channel = field('channel')
  if (typeof channel !== 'string') {
    return { kind: 'refuse', id, message: `A call needs a channel name such as "catalog.stats", not ${describe(channel)}.` }
  }
  return { kind: 'call', id, channel, payload: field('payload') }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
