import { startHost } from '../../src/main/doors/host/server'

/**
 * Runs the Node host in its own process for one test: `tsx hostProcess.ts <workspaceDir> <rendererDir>`. Prints one
 * JSON line with the URL once it listens, and closes the workspace cleanly on SIGTERM. A separate process keeps the
 * host's native modules and module loading (tsx, like `npm run serve`) apart from Playwright's test loader.
 */
const [workspaceDir, rendererDir] = process.argv.slice(2)
if (!workspaceDir || !rendererDir) throw new Error('usage: hostProcess.ts <workspaceDir> <rendererDir>')

const host = await startHost({ workspaceDir, port: 0, rendererDir })
process.stdout.write(`${JSON.stringify({ url: host.url })}\n`)
process.once('SIGTERM', () => {
  host.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
})
