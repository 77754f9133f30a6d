import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { createRequire } from 'node:module'
import { classNameProblem } from '../model'
import type { ProblemLog } from '../problems'
import type { SplitPart } from '../../../../shared/api/schemas'

const requireHere = createRequire(import.meta.url)
/** yaml is loaded when a YOLO dataset is read or written, not with every start. */
const yaml = (): typeof import('yaml') => requireHere('yaml') as typeof import('yaml')

/**
 * Finds the class names of a YOLO dataset: `classes.txt` (one name per line, the labelImg/CVAT
 * convention) and/or `data.yaml` (`names:` as a list or an id → name map, the Ultralytics
 * convention), in the labels folder or the dataset folder. When several are found they must agree.
 */
export async function readYoloClassNames(root: string, labelsDir: string, log: ProblemLog): Promise<string[]> {
  const candidates = [join(labelsDir, 'classes.txt'), join(root, 'classes.txt'), join(root, 'data.yaml'), join(root, 'data.yml'), join(labelsDir, 'data.yaml')]
  const found: { file: string; names: string[] }[] = []
  for (const path of new Set(candidates)) {
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined
      throw e
    })
    if (text === undefined) continue
    const file = relative(root, path) || path
    const names = path.endsWith('.txt') ? parseClassesTxt(text, file, log) : parseDataYaml(text, file, log)
    found.push({ file, names })
  }
  const [first, ...others] = found
  if (!first) return log.fatal(relative(root, labelsDir) || labelsDir, undefined, 'no classes.txt or data.yaml with class names found')
  for (const other of others) {
    if (other.names.join('\n') !== first.names.join('\n')) {
      log.fatal(other.file, undefined, `class names disagree with ${first.file}`)
    }
  }
  const seen = new Set<string>()
  for (const name of first.names) {
    if (seen.has(name)) log.fatal(first.file, undefined, `class ${JSON.stringify(name)} is listed twice`)
    seen.add(name)
  }
  return first.names
}

function parseClassesTxt(text: string, file: string, log: ProblemLog): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  lines.forEach((name, i) => checkName(name, file, `line ${i + 1}`, log))
  return lines
}

function parseDataYaml(text: string, file: string, log: ProblemLog): string[] {
  const doc = yaml().parseDocument(text, { prettyErrors: true })
  const error = doc.errors[0]
  if (error) {
    const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : undefined
    log.fatal(file, where, `invalid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`)
  }
  const data: unknown = doc.toJS()
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const names = namesFrom(record.names, file, log)
  if (record.nc !== undefined && record.nc !== names.length) log.fatal(file, 'nc', `nc is ${String(record.nc)} but ${names.length} names are listed`)
  return names
}

function namesFrom(value: unknown, file: string, log: ProblemLog): string[] {
  // A bare `- 1` or `- true` parses as a number/boolean; the class is still called "1"/"true".
  const asName = (v: unknown, entry: string): string => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return checkName(String(v), file, entry, log)
    return log.fatal(file, entry, 'class name is not a string')
  }
  if (Array.isArray(value)) return value.map((v, i) => asName(v, `names[${i}]`))
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
    const names: string[] = []
    for (const [key, v] of entries) {
      const id = Number(key)
      if (!Number.isInteger(id) || id < 0 || id >= entries.length) log.fatal(file, `names ${key}`, `class ids must be 0..${entries.length - 1}`)
      names[id] = asName(v, `names ${key}`)
    }
    return names
  }
  return log.fatal(file, undefined, 'missing a "names" list or map')
}

function checkName(name: string, file: string, entry: string, log: ProblemLog): string {
  const problem = classNameProblem(name)
  if (problem) log.fatal(file, entry, problem)
  return name
}

/** `data.yaml` as Ultralytics reads it: images beside labels, names as an id → name map. */
export function dataYaml(classes: readonly string[]): string {
  return yaml().stringify({ train: 'images', val: 'images', nc: classes.length, names: new Map(classes.map((name, i) => [i, name])) })
}

/**
 * `data.yaml` of a split export, with the keys Ultralytics reads: `path`, the dataset folder (absolute, since
 * Ultralytics resolves a relative one against its own datasets folder), and each part's images folder under it.
 * Ultralytics requires `val`: a split without a validation part validates on the training images, as an unsplit
 * export does.
 */
export function splitDataYaml(classes: readonly string[], path: string, parts: readonly SplitPart[]): string {
  const folders = Object.fromEntries(parts.map((part) => [part, `images/${part}`]))
  return yaml().stringify({ path, ...folders, val: folders.val ?? 'images/train', nc: classes.length, names: new Map(classes.map((name, i) => [i, name])) })
}

export function classesTxt(classes: readonly string[]): string {
  return classes.map((name) => `${name}\n`).join('')
}
