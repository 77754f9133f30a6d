import type { SerializedError } from '../../platform/workers/protocol'

/** How a person gets a model into Loupe; every ModelError message ends with it. */
export const HOW_TO_ADD_MODEL =
  'To get one, use "Get an image model" in the app, run "loupe models download ID" on a connected machine ("loupe ' +
  'models known" lists them), or "loupe models add PATH" with a TensorFlow.js model folder, an .onnx or a .tflite file.'

export type ModelErrorCode =
  /** No such model in the store. */
  | 'not-installed'
  /** The model file (model.json, model.onnx, a file being added) is missing or unreadable. */
  | 'missing-model-file'
  /**
   * model.json is not JSON or not a TensorFlow.js model description; an .onnx file is not one onnxruntime can load; a
   * model file is of a kind Loupe does not read.
   */
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

/** An ML worker (inference or training) failed, exited or was closed. */
export class EngineError extends Error {
  override readonly name = 'EngineError'
}

/**
 * An error from an ML worker (inference or training), back on the calling side: a ModelError keeps its class and code;
 * anything else becomes an EngineError carrying the worker's stack. `worker` names it for that stack, e.g. "inference".
 */
export function reviveWorkerError(error: SerializedError, worker: string): Error {
  const { code, reason } = error.fields
  if (error.name === 'ModelError' && typeof code === 'string' && typeof reason === 'string') {
    return new ModelError(code as ModelErrorCode, reason)
  }
  const revived = new EngineError(error.message)
  if (error.stack) revived.stack = `${error.name}: ${error.message} (in the ${worker} worker)\n${error.stack}`
  return revived
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function firstLine(text: string, max = 200): string {
  const line = text.split('\n').map((part) => part.trim()).find((part) => part.length > 0) ?? 'unknown error'
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
