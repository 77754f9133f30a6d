import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * The Electron executable if it is already on disk, else null, found the way the electron package finds it
 * (path.txt under dist/, or ELECTRON_OVERRIDE_DIST_PATH) but without `require('electron')`, which downloads it.
 */
export function electronBinaryPath(): string | null {
  let dir: string
  try {
    dir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  let executable: string | undefined
  try {
    executable = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
  } catch {
    executable = undefined
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const candidate = override ? join(override, executable || 'electron') : executable ? join(dir, 'dist', executable) : null
  return candidate && existsSync(candidate) ? candidate : null
}

export function electronBinaryAvailable(): boolean {
  return electronBinaryPath() !== null
}
