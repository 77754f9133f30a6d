/**
 * What crosses between a WorkerClient (calling side) and serveRequests (inside the worker). A worker's methods are
 * declared once as a MethodMap; each request names one and gets exactly one reply carrying the request's id, after
 * any progress messages the method sends on the way (e.g. one per training epoch).
 */

/**
 * A worker's methods: name → what it takes, what it answers and, for a method that reports as it goes, what each
 * progress message carries (all structured-cloneable).
 */
export type MethodMap = Record<string, { args: unknown; result: unknown; progress?: unknown }>

/** What a method's progress messages carry; never for a method that sends none. */
export type ProgressOf<Method> = Method extends { progress: infer Progress } ? Progress : never

export interface RequestMessage {
  id: number
  method: string
  args: unknown
}

export type ReplyMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError }

/** Sent by a method while it works, before its reply. */
export interface ProgressMessage {
  id: number
  progress: unknown
}

export type WorkerMessage = ReplyMessage | ProgressMessage

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
