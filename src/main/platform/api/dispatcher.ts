import { z } from 'zod'
import { CHANNELS, specOf, type LoupeHandlers } from '../../../shared/api/contract'
import { ApiError, type Envelope } from '../../../shared/api/errors'

export interface Dispatcher {
  readonly channels: readonly string[]
  invoke(channel: string, payload: unknown): Promise<Envelope>
}

export interface DispatcherOptions {
  /**
   * Check every reply against the contract too. On in development, tests and the CLI, so a service that drifts from
   * the contract fails where it is written; a packaged desktop build turns it off to save the second parse.
   */
  validateReplies?: boolean
  log?: (error: unknown) => void
}

type Handler = (request: unknown) => unknown

/**
 * The boundary every transport goes through: it validates the request against the contract, runs the handler and
 * turns any failure into a typed error envelope, so a bad request can never crash the host.
 */
export function createDispatcher(handlers: LoupeHandlers, options: DispatcherOptions = {}): Dispatcher {
  const { validateReplies = true, log = console.error } = options
  // Own entries only: a channel such as "__proto__.toString" must be unknown, never a property of Object.prototype.
  const table = new Map<string, Handler>()
  for (const [ns, methods] of Object.entries(handlers as unknown as Record<string, Record<string, Handler>>)) {
    for (const [method, handler] of Object.entries(methods)) table.set(`${ns}.${method}`, handler)
  }
  return {
    channels: CHANNELS,
    async invoke(channel, payload) {
      try {
        const spec = typeof channel === 'string' ? specOf(channel) : undefined
        const handler = spec && table.get(channel)
        if (!spec || !handler) return fail(new ApiError('bad_request', `Unknown API method "${String(channel)}".`))
        const parsed = spec.request.safeParse(payload ?? {})
        if (!parsed.success) {
          return fail(new ApiError('bad_request', `Invalid request to ${channel}: ${z.prettifyError(parsed.error)}`))
        }
        const value = await handler(parsed.data)
        if (validateReplies) {
          const checked = spec.reply.safeParse(value)
          if (!checked.success) {
            log(new Error(`The reply of ${channel} does not match the contract: ${z.prettifyError(checked.error)}`))
            return fail(new ApiError('internal', `The reply of ${channel} does not match the contract.`))
          }
        }
        return { ok: true, value }
      } catch (error) {
        if (error instanceof ApiError) return fail(error)
        log(error)
        return fail(new ApiError('internal', error instanceof Error ? error.message : String(error)))
      }
    },
  }
}

const fail = (error: ApiError): Envelope => ({ ok: false, error: error.toShape() })
