import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openLoupe, type Loupe } from '../../app/loupe'
import { APP_VERSION } from '../../platform/version'
import { defaultModelsDir, defaultWorkspaceDir } from '../../platform/workspace/location'
import { ANNOTATION_FORMATS, LABEL_SOURCES, type AnnotationFormat, type LabelSource } from '../../../shared/api/schemas'
import { exportCommand, planExport } from './commands/export'
import { exportScansCommand, planExportScans } from './commands/export-scans'
import { importCommand } from './commands/import'
import { listJobsCommand, resumeJobCommand } from './commands/jobs'
import { mapCommand } from './commands/map'
import { measurementsCommand } from './commands/measurements'
import { inspectModelCommand } from './commands/model-inspect'
import { addModelCommand, downloadModelCommand, knownModelsCommand, useModelCommand } from './commands/models'
import { duplicatesCommand, indexCommand, searchCommand } from './commands/search'
import { statsCommand } from './commands/stats'
import { listModelsCommand, predictCommand, prelabelCommand, trainCommand } from './commands/training'
import { anomalyEvaluateCommand, anomalyFitCommand, anomalyModelsCommand, anomalyScoreCommand, anomalyThresholdCommand, anomalyUseCommand } from './commands/anomaly'
import {
  detectCommand,
  detectorExportCommand,
  detectorImportCommand,
  detectorModelsCommand,
  detectorTrainCommand,
  detectorUseCommand,
} from './commands/detector'
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
  const run = await commandFor(command, rest, values)
  const loupe = await openLoupe({
    workspaceDir: values.workspace ?? defaultWorkspaceDir(),
    modelsDir: values.models ? resolve(values.models) : defaultModelsDir(),
  })
  try {
    await run(loupe, output)
  } finally {
    await loupe.close()
  }
  return 0
}

type Command = (loupe: Loupe, output: ReturnType<typeof createOutput>) => Promise<void> | void

type Options = ReturnType<typeof parseCommandLine>['values']

async function commandFor(command: string, args: string[], options: Options): Promise<Command> {
  if (command === 'export-scans') {
    // Ahead of the checks below: its --format is an image format, not an annotation format.
    const plan = planExportScans(args, options)
    if (typeof plan === 'string') throw new UsageError(plan)
    return (loupe, output) => exportScansCommand(loupe, plan, output)
  }
  const { labels, format, annotations } = options
  if (labels !== undefined && command === 'train' && !isLabelSource(labels)) {
    throw new UsageError(`--labels takes one of ${LABEL_SOURCES.join(', ')} with train.`)
  }
  if (labels !== undefined && command !== 'train' && (command !== 'import' || labels !== 'folders')) {
    throw new UsageError(`--labels takes "folders" with import, or ${LABEL_SOURCES.join(', ')} with train.`)
  }
  if (format !== undefined && !isFormat(format)) {
    throw new UsageError(`--format takes one of ${ANNOTATION_FORMATS.join(', ')}.`)
  }
  if ((annotations !== undefined || options['skip-invalid']) && (command !== 'import' || !format)) {
    throw new UsageError('--annotations and --skip-invalid go with import --format.')
  }
  if (options['no-index'] && command !== 'import') throw new UsageError('--no-index goes with import.')
  switch (command) {
    case 'import': {
      if (args.length === 0) throw new UsageError('import needs at least one file or folder.')
      const source = format
        ? { format, skipInvalid: options['skip-invalid'] === true, ...(annotations ? { path: resolve(annotations) } : {}) }
        : undefined
      const importOptions = { labelsFromFolders: labels === 'folders', annotations: source, index: options['no-index'] !== true }
      return (loupe, output) => importCommand(loupe, args, importOptions, output)
    }
    case 'export': {
      const request = planExport(args, format, options)
      if (typeof request === 'string') throw new UsageError(request)
      return (loupe, output) => exportCommand(loupe, request, output)
    }
    case 'stats':
      expectNoArguments(command, args)
      return statsCommand
    case 'map':
      expectNoArguments(command, args)
      return mapCommand
    case 'measurements': {
      const imageIds = args.map((arg) => (/^[1-9]\d*$/.test(arg) ? Number(arg) : NaN))
      if (imageIds.some(Number.isNaN)) throw new UsageError('measurements takes image ids, e.g. measurements 3 4.')
      return (loupe, output) => measurementsCommand(loupe, [...new Set(imageIds)], output)
    }
    case 'index':
      expectNoArguments(command, args)
      return indexCommand
    case 'search': {
      expectNoArguments(command, args)
      const query = searchQuery(options)
      const region = options.region === undefined ? undefined : parseRegion(options.region)
      const k = positiveInteger(options.k ?? '10', '-k')
      return (loupe, output) => searchCommand(loupe, query, region, k, output)
    }
    case 'duplicates': {
      expectNoArguments(command, args)
      const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
      if (threshold !== undefined && !(threshold >= 0.5 && threshold <= 1)) throw new UsageError('--threshold takes a similarity from 0.5 to 1.')
      return (loupe, output) => duplicatesCommand(loupe, threshold, output)
    }
    case 'models': {
      const [action, target, ...extra] = args
      if (action === 'list' && !target) return listModelsCommand
      if (action === 'known' && !target) return knownModelsCommand
      if (target && extra.length === 0) {
        if (action === 'add') return (loupe, output) => addModelCommand(loupe, resolve(target), output)
        if (action === 'inspect') return (loupe, output) => inspectModelCommand(loupe, resolve(target), output)
        if (action === 'use') return (loupe, output) => useModelCommand(loupe, target, output)
        if (action === 'download') return (loupe, output) => downloadModelCommand(loupe, target, output)
      }
      throw new UsageError('models takes "list", "known", "inspect PATH", "add PATH", "download ID" or "use ID".')
    }
    case 'train': {
      expectNoArguments(command, args)
      const epochs = options.epochs === undefined ? undefined : positiveInteger(options.epochs, '--epochs')
      const patience = options.patience === undefined ? undefined : positiveInteger(options.patience, '--patience')
      const source = labels !== undefined && isLabelSource(labels) ? labels : undefined
      return (loupe, output) => trainCommand(loupe, { epochs, patience, labels: source }, output)
    }
    case 'predict':
      return (loupe, output) => predictCommand(loupe, args, output)
    case 'prelabel': {
      expectNoArguments(command, args)
      const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
      if (threshold !== undefined && !(threshold >= 0.05 && threshold <= 1)) {
        throw new UsageError('--threshold takes a detector score from 0.05 to 1 for prelabel.')
      }
      return (loupe, output) => prelabelCommand(loupe, threshold, output)
    }
    case 'anomaly': {
      const [action, ...paths] = args
      const name = options.name
      if (action === 'fit') {
        if ((options.label === undefined) === (paths.length === 0)) throw new UsageError('anomaly fit takes --label L or PATH..., not both.')
        const second = options['second-model']
        const secondModel = second === undefined ? {} : { secondModel: second === 'none' ? null : second }
        return (loupe, output) =>
          anomalyFitCommand(loupe, { paths, ...(options.label !== undefined && { label: options.label }), ...(name !== undefined && { name }), ...secondModel }, output)
      }
      if (action === 'score') {
        const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
        if (threshold !== undefined && !(threshold >= 0)) throw new UsageError('--threshold takes an anomaly score (0 or more) for anomaly score.')
        return (loupe, output) =>
          anomalyScoreCommand(loupe, { paths, ...(name !== undefined && { name }), ...(threshold !== undefined && { threshold }) }, output)
      }
      if (action === 'evaluate') {
        expectNoArguments('anomaly evaluate', paths)
        const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
        if (threshold !== undefined && !(threshold >= 0)) throw new UsageError('--threshold takes an anomaly score (0 or more) for anomaly evaluate.')
        return (loupe, output) =>
          anomalyEvaluateCommand(
            loupe,
            { ...(name !== undefined && { name }), ...(options.label !== undefined && { label: options.label }), ...(threshold !== undefined && { threshold }) },
            output,
          )
      }
      if (action === 'models' && paths.length === 0) return anomalyModelsCommand
      const [reference, value, ...extra] = paths
      if (action === 'use' && reference && !value) return (loupe, output) => anomalyUseCommand(loupe, reference, output)
      if (action === 'threshold' && reference && value && extra.length === 0) {
        const threshold = Number(value)
        if (!(value.trim() !== '' && threshold >= 0)) throw new UsageError('anomaly threshold takes an anomaly score (0 or more) as its value.')
        return (loupe, output) => anomalyThresholdCommand(loupe, reference, threshold, output)
      }
      throw new UsageError('anomaly takes "fit (--label L | PATH...)", "score [PATH...]", "models", "use MODEL", "threshold MODEL VALUE" or "evaluate".')
    }
    case 'detector': {
      const [action, first, second, ...extra] = args
      if (action === 'train' && !first) {
        const epochs = options.epochs === undefined ? undefined : positiveInteger(options.epochs, '--epochs')
        const patience = options.patience === undefined ? undefined : positiveInteger(options.patience, '--patience')
        return (loupe, output) => detectorTrainCommand(loupe, { epochs, patience }, output)
      }
      if (action === 'models' && !first) return detectorModelsCommand
      if (action === 'use' && first && !second) return (loupe, output) => detectorUseCommand(loupe, first, output)
      if (action === 'export' && first && second && extra.length === 0) return (loupe, output) => detectorExportCommand(loupe, first, second, output)
      if (action === 'import' && first && !second) return (loupe, output) => detectorImportCommand(loupe, first, output)
      throw new UsageError('detector takes "train", "models", "use ID", "export ID DIR" or "import DIR".')
    }
    case 'detect': {
      const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold takes a detector score from 0 to 1 for detect.')
      return (loupe, output) => detectCommand(loupe, args, threshold, output)
    }
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
        models: { type: 'string' },
        json: { type: 'boolean' },
        labels: { type: 'string' },
        format: { type: 'string' },
        annotations: { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        'no-index': { type: 'boolean' },
        images: { type: 'string' },
        ids: { type: 'string' },
        status: { type: 'string' },
        label: { type: 'string' },
        name: { type: 'string' },
        split: { type: 'string' },
        seed: { type: 'string' },
        series: { type: 'string' },
        'keep-identity': { type: 'boolean' },
        pseudonym: { type: 'string' },
        invert: { type: 'boolean' },
        'burn-in': { type: 'boolean' },
        image: { type: 'string' },
        id: { type: 'string' },
        region: { type: 'string' },
        k: { type: 'string', short: 'k' },
        threshold: { type: 'string' },
        epochs: { type: 'string' },
        patience: { type: 'string' },
        'second-model': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function searchQuery(options: Options): { imageId: number } | { path: string } {
  if ((options.image === undefined) === (options.id === undefined)) {
    throw new UsageError('search takes either --image FILE or --id N.')
  }
  return options.image !== undefined ? { path: resolve(options.image) } : { imageId: positiveInteger(options.id!, '--id') }
}

function parseRegion(text: string): { x: number; y: number; width: number; height: number } {
  const parts = text.split(',').map(Number)
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2]! <= 0 || parts[3]! <= 0) {
    throw new UsageError('--region takes x,y,width,height in image pixels, e.g. 10,20,100,80.')
  }
  const [x, y, width, height] = parts as [number, number, number, number]
  return { x, y, width, height }
}

function positiveInteger(text: string, name: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${name} takes a positive whole number.`)
  return Number(text)
}

function isLabelSource(value: string): value is LabelSource {
  return (LABEL_SOURCES as readonly string[]).includes(value)
}

function isFormat(value: string): value is AnnotationFormat {
  return (ANNOTATION_FORMATS as readonly string[]).includes(value)
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
    // The whole message: a refusal may list several problems, one per line.
    const message = (error instanceof Error ? error.message : String(error)).replaceAll('\n', '\n  ')
    if (error instanceof UsageError) {
      process.stderr.write(`loupe: ${message}\nRun "loupe --help" for usage.\n`)
      process.exit(2)
    }
    process.stderr.write(`loupe: ${message}\n`)
    process.exit(error instanceof Interrupted ? 130 : 1)
  },
)
