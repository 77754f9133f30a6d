/**
 * What crosses between a WorkerClient (calling side) and serveRequests (inside the worker). A worker's methods are
 * declared once as a MethodMap; each request names one and gets exactly one reply carrying the request's id.
 */

/** A worker's methods: name → what it takes and what it answers (both structured-cloneable). */
export type MethodMap = Record<string, { args: unknown; result: unknown }>

export interface RequestMessage {
  id: number
  method: string
  args: unknown
}

export type ReplyMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError }

/** An error thrown in the worker, as plain data: structured cloning keeps no class. */
export interface SerializedError {
  name: string
  message: string
  stack?: string
  /** The error's own fields that are plain values (e.g. `reason`, `code`), so the caller can rebuild its own class. */
  fields: Record<string, string | number | boolean | null>
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} }
  const fields: SerializedError['fields'] = {}
  for (const [key, value] of Object.entries(error)) {
    const plain = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    if (plain) fields[key] = value
  }
  return { name: error.name, message: error.message, fields, ...(error.stack ? { stack: error.stack } : {}) }
}
