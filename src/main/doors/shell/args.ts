import { resolve } from 'node:path'

/**
 * The workspace directory named on the command line, as `--workspace DIR` or `--workspace=DIR`, made absolute against
 * the current directory; undefined when absent. Electron and Chromium add switches of their own to argv, so the whole
 * list is scanned rather than a fixed position.
 */
export function workspaceArg(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--workspace') {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new Error('--workspace needs a directory: --workspace DIR')
      return resolve(cwd, value)
    }
    if (arg.startsWith('--workspace=')) {
      const value = arg.slice('--workspace='.length)
      if (!value) throw new Error('--workspace needs a directory: --workspace=DIR')
      return resolve(cwd, value)
    }
  }
  return undefined
}
