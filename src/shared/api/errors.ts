/** Errors as they cross a transport: a code the UI can act on and a sentence a person can read. */
export const ERROR_CODES = [
  'bad_request',
  'not_found',
  'conflict',
  'workspace_newer',
  'workspace_locked',
  'workspace_corrupt',
  'unsupported',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorShape {
  code: ErrorCode
  message: string
  details?: unknown
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.details)
  }
}

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }
