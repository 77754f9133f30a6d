import { BACKEND_NAMES, type BackendName } from './backend-types'
import { EngineError } from './errors'

/** The backends to try, from LOUPE_BACKEND (comma-separated names) if set, else all of them in the default order. */
export function backendsFromEnvironment(): readonly BackendName[] {
  const value = process.env.LOUPE_BACKEND?.trim()
  if (!value) return BACKEND_NAMES
  const names = value.split(',').map((part) => part.trim()).filter((part) => part.length > 0)
  const unknown = names.filter((name) => !(BACKEND_NAMES as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw new EngineError(`LOUPE_BACKEND names unknown backend(s) ${unknown.join(', ')}; use ${BACKEND_NAMES.join(', ')}`)
  }
  return names as BackendName[]
}
