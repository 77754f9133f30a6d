import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ApiError } from '../../../shared/api/errors'
import { defaultModelsDir, defaultWorkspaceDir } from '../../platform/workspace/location'
import { startHost } from './server'

/** `npm run serve`: Loupe without Electron, in any browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      models: { type: 'string' },
      port: { type: 'string', default: '0' },
    },
  })
  const host = await startHost({
    workspaceDir: values.workspace ?? defaultWorkspaceDir(),
    modelsDir: values.models ? resolve(values.models) : defaultModelsDir(),
    port: Number(values.port),
  })
  console.log(`Loupe is serving workspace ${host.loupe.workspace.dir}`)
  console.log(`Open ${host.url}`)
  console.log('Press Ctrl+C to stop.')
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

// Last resort only: the host catches what requests can cause where it happens (see test/main/doors/host/attacks.test.ts).
// A promise someone forgot to handle is worth a log line, not the end of every open tab's session.
process.on('unhandledRejection', (reason: unknown) => {
  console.error(`loupe serve: unhandled failure, still running: ${reason instanceof Error ? reason.stack : String(reason)}`)
})

main().catch((error: unknown) => {
  console.error(`loupe serve: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
