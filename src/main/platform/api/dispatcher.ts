import { z } from 'zod'
import { CHANNELS, specOf, type LoupeHandlers } from '../../../shared/api/contract'
import { ApiError, type Envelope } from '../../../shared/api/errors'

export interface Dispatcher {
  readonly channels: readonly string[]
  invoke(channel: string, payload: unknown): Promise<Envelope>
}

/**
 * The boundary every transport goes through: it validates the request against the contract, runs the handler and
 * turns any failure into a typed error envelope, so a bad request can never crash the host.
 */
export function createDispatcher(handlers: LoupeHandlers, log: (error: unknown) => void = console.error): Dispatcher {
  const table = handlers as unknown as Record<string, Record<string, (request: unknown) => unknown>>
  return {
    channels: CHANNELS,
    async invoke(channel, payload) {
      const spec = specOf(channel)
      if (!spec) return fail(new ApiError('bad_request', `Unknown API method "${channel}".`))
      const parsed = spec.request.safeParse(payload ?? {})
      if (!parsed.success) {
        return fail(new ApiError('bad_request', `Invalid request to ${channel}: ${z.prettifyError(parsed.error)}`))
      }
      const [ns, m] = channel.split('.') as [string, string]
      try {
        const value = await table[ns]![m]!(parsed.data)
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
