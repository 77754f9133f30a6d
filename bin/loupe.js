#!/usr/bin/env node
// Runs the CLI from built JavaScript (out/cli/<stamp>/, see scripts/build-cli.js), building it first when the sources
// changed since the last build, so a start neither compiles TypeScript nor runs stale code. Should the build itself
// fail, the CLI runs from its TypeScript source through tsx instead, after one line on standard error.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildCli } from '../scripts/build-cli.js'

const root = new URL('..', import.meta.url)
let entry
try {
  entry = pathToFileURL(await buildCli(fileURLToPath(root))).href
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  process.stderr.write(`loupe: could not build the CLI (${reason}); running it from source with tsx\n`)
  const { register } = await import('tsx/esm/api')
  register()
  entry = new URL('src/main/doors/cli/index.ts', root).href
}
await import(entry)
