import { createRequire } from 'node:module'
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

const requireHere = createRequire(import.meta.url)

/**
 * Whether the inference worker may run models on onnxruntime here: the package is installed and LOUPE_BACKEND allows
 * it. A cheap check for choosing defaults; the worker still proves the binding works before using it.
 */
export function onnxRuntimeUsable(): boolean {
  try {
    if (!backendsFromEnvironment().includes('onnxruntime')) return false
    requireHere.resolve('onnxruntime-node')
    return true
  } catch {
    return false
  }
}
