import { parseArgs } from 'node:util'
import { openLoupe, type Loupe } from '../app/loupe'
import { APP_VERSION } from '../app/version'
import { defaultWorkspaceDir } from '../workspace/location'
import { importCommand } from './commands/import'
import { listJobsCommand, resumeJobCommand } from './commands/jobs'
import { statsCommand } from './commands/stats'
import { createOutput } from './output'
import { Interrupted } from './run-job'
import { USAGE } from './usage'

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv)
  if (values.version) return print(APP_VERSION)
  const [command, ...rest] = positionals
  if (values.help || !command) return print(USAGE)
  const output = createOutput(values.json === true)
  const run = await commandFor(command, rest, values.labels)
  const loupe = await openLoupe({ workspaceDir: values.workspace ?? defaultWorkspaceDir() })
  try {
    await run(loupe, output)
  } finally {
    await loupe.close()
  }
  return 0
}

type Command = (loupe: Loupe, output: ReturnType<typeof createOutput>) => Promise<void> | void

async function commandFor(command: string, args: string[], labels: string | undefined): Promise<Command> {
  if (labels !== undefined && (command !== 'import' || labels !== 'folders')) {
    throw new UsageError(`--labels takes "folders" and goes with import.`)
  }
  switch (command) {
    case 'import':
      if (args.length === 0) throw new UsageError('import needs at least one file or folder.')
      return (loupe, output) => importCommand(loupe, args, labels === 'folders', output)
    case 'stats':
      expectNoArguments(command, args)
      return statsCommand
    case 'jobs': {
      if (args.length === 0) return listJobsCommand
      const [action, id] = args
      if (action !== 'resume' || !id || !/^\d+$/.test(id) || args.length > 2) {
        throw new UsageError('jobs takes no arguments, or "resume ID".')
      }
      return (loupe, output) => resumeJobCommand(loupe, Number(id), output)
    }
    default:
      throw new UsageError(`Unknown command "${command}".`)
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        json: { type: 'boolean' },
        labels: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function expectNoArguments(command: string, args: string[]): void {
  if (args.length) throw new UsageError(`${command} takes no arguments (got "${args.join(' ')}").`)
}

function print(text: string): number {
  process.stdout.write(`${text}\n`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    if (error instanceof UsageError) {
      process.stderr.write(`loupe: ${message}\nRun "loupe --help" for usage.\n`)
      process.exit(2)
    }
    process.stderr.write(`loupe: ${message}\n`)
    process.exit(error instanceof Interrupted ? 130 : 1)
  },
)
