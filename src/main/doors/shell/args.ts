import { resolve } from 'node:path'

/**
 * A folder named on the command line, as `--NAME DIR` or `--NAME=DIR`, made absolute against the current directory;
 * undefined when absent. Electron and Chromium add switches of their own to argv, so the whole list is scanned rather
 * than a fixed position.
 */
export function folderArg(argv: readonly string[], name: string, cwd: string = process.cwd()): string | undefined {
  const flag = `--${name}`
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === flag) {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a directory: ${flag} DIR`)
      return resolve(cwd, value)
    }
    if (arg.startsWith(`${flag}=`)) {
      const value = arg.slice(flag.length + 1)
      if (!value) throw new Error(`${flag} needs a directory: ${flag}=DIR`)
      return resolve(cwd, value)
    }
  }
  return undefined
}

/** The workspace folder named with --workspace. */
export function workspaceArg(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  return folderArg(argv, 'workspace', cwd)
}
