import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The file a Worker is started from, and what the development bootstrap needs to load the real one. */
export interface WorkerEntry {
  file: URL
  workerData?: { entry: string }
}

/**
 * Where a worker's code is, for the module that starts it (`from`: that module's import.meta.url):
 * - running from TypeScript source (tsx, vitest: `from` ends in .ts), the worker is `source` (relative to `from`),
 *   started through worker-bootstrap.js, which registers tsx inside the worker: Node cannot start a .ts worker by
 *   itself, and `execArgv: ['--import', 'tsx']` is not honoured for worker threads;
 * - running from a bundle, it is the built entry `built`, next to the calling chunk or one folder up (shared code may
 *   land in chunks/). Every worker source must be an entry of both bundles: the Electron main build
 *   (electron.vite.config.ts, out/main/) and the CLI's build (scripts/build-cli.js, out/cli/<stamp>/).
 * Throws when the built file is missing.
 */
export function workerEntry(options: { from: string; source: string; built: string }): WorkerEntry {
  const { from, source, built } = options
  if (from.endsWith('.ts')) {
    // Variables rather than literals inside new URL(…), so that bundlers leave these URLs alone.
    const bootstrap = './worker-bootstrap.js'
    return { file: new URL(bootstrap, import.meta.url), workerData: { entry: new URL(source, from).href } }
  }
  for (const candidate of [`./${built}`, `../${built}`]) {
    const url = new URL(candidate, from)
    if (existsSync(fileURLToPath(url))) return { file: url }
  }
  const where = fileURLToPath(from)
  throw new Error(`${built} is missing beside ${where}: every bundle must have it as an entry (electron.vite.config.ts, scripts/build-cli.js)`)
}
