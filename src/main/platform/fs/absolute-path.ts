import { isAbsolute } from 'node:path'
import { ApiError } from '../../../shared/api/errors'

/**
 * Paths over the API must be absolute: a relative one would resolve against whatever folder the host process happens
 * to run in, which the user never chose. Front doors that know the user's folder (the CLI) resolve before calling.
 */
export function requireAbsolute(path: string, what: string): string {
  if (!isAbsolute(path)) throw new ApiError('bad_request', `The ${what} must be an absolute path, not "${path}".`)
  return path
}
