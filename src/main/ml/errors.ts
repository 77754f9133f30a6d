/** How a person gets a model into Loupe; every ModelError message ends with it. */
export const HOW_TO_ADD_MODEL =
  'To add a model, run "loupe models add DIR" (DIR: a folder holding model.json, its weight files and, unless it is ' +
  'the built-in MobileNetV2, a manifest.json), or use Import model… in the app.'

export type ModelErrorCode =
  /** No such model in the store. */
  | 'not-installed'
  /** model.json is missing. */
  | 'missing-model-file'
  /** model.json is not JSON or not a TensorFlow.js model description. */
  | 'unparsable-model'
  /** A weight file model.json refers to is missing. */
  | 'missing-weights'
  /** A weight file's SHA-256 differs from the manifest's. */
  | 'hash-mismatch'
  /** manifest.json is missing (and the weights are not a built-in model's), unreadable or invalid, or contradicts model.json. */
  | 'invalid-manifest'
  /** The model loaded but does not behave as its manifest says (e.g. output size). */
  | 'incompatible-model'
  /** Fetching a model failed (network, HTTP status, no source URL). */
  | 'download-failed'

/** A missing, corrupt or unusable model. `message` is a sentence for people, ending with how to add a model. */
export class ModelError extends Error {
  override readonly name = 'ModelError'
  constructor(
    readonly code: ModelErrorCode,
    /** The problem alone, without the how-to-add hint. */
    readonly reason: string,
    readonly details: { modelId?: string; file?: string } = {},
  ) {
    super(`${reason} ${HOW_TO_ADD_MODEL}`)
  }
}

/** The inference worker failed, exited or was closed. */
export class EngineError extends Error {
  override readonly name = 'EngineError'
}

/** Plain data for crossing the worker boundary (structured clone keeps no class). */
export interface SerializedError {
  name: string
  message: string
  code?: ModelErrorCode
  reason?: string
  details?: { modelId?: string; file?: string }
  stack?: string
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ModelError) {
    return { name: error.name, message: error.message, code: error.code, reason: error.reason, details: error.details }
  }
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
  return { name: 'Error', message: String(error) }
}

export function deserializeError(data: SerializedError): Error {
  if (data.name === 'ModelError' && data.code && data.reason !== undefined) {
    return new ModelError(data.code, data.reason, data.details ?? {})
  }
  const error = new EngineError(data.message)
  if (data.stack) error.stack = `${data.name}: ${data.message} (in the inference worker)\n${data.stack}`
  return error
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function firstLine(text: string, max = 200): string {
  const line = text.split('\n').map((part) => part.trim()).find((part) => part.length > 0) ?? 'unknown error'
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
