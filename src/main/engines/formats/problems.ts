import type { AnnotationSet } from './model'

/** One thing wrong with an input (or, for exports, with the set being written). */
export interface Problem {
  /** The file the problem is in (as the caller named it, or relative to the dataset folder). */
  file: string
  /** Where in the file, e.g. "annotation id 17", "line 3", "object 2"; absent when it is the whole file. */
  entry?: string
  message: string
}

/** Only this many problems are kept; the count of all of them is still reported. */
export const MAX_PROBLEMS = 50

function describe(p: Problem): string {
  return p.entry ? `${p.file}, ${p.entry}: ${p.message}` : `${p.file}: ${p.message}`
}

function summarise(what: string, problems: readonly Problem[], total: number): string {
  const lines = problems.map((p) => `  ${describe(p)}`)
  if (total > problems.length) lines.push(`  … and ${total - problems.length} more`)
  // The first line stands alone (a CLI error, a toast), so it names the first problem too.
  const first = problems[0] ? `; first: ${describe(problems[0])}` : ''
  return `${what} (${total} problem${total === 1 ? '' : 's'})${first}\n${lines.join('\n')}`
}

/** Malformed input. Lists every problem found (up to MAX_PROBLEMS); nothing was imported. */
export class FormatError extends Error {
  override readonly name = 'FormatError'
  /** File of the first problem. */
  readonly file: string
  /** Entry of the first problem. */
  readonly entry: string | undefined
  readonly problems: readonly Problem[]
  /** All problems found, including those beyond MAX_PROBLEMS that `problems` leaves out. */
  readonly total: number

  constructor(problems: readonly Problem[], total = problems.length) {
    const first = problems[0] ?? { file: '?', message: 'unknown problem' }
    super(total === 1 ? describe(first) : summarise('Malformed annotations', problems, total))
    this.file = first.file
    this.entry = first.entry
    this.problems = problems
    this.total = total
  }
}

/** An export that can't be written as asked (target folder not empty, names that can't be files, …). */
export class ExportError extends Error {
  override readonly name = 'ExportError'
  readonly problems: readonly Problem[]
  readonly total: number

  constructor(problems: readonly Problem[], total = problems.length) {
    const first = problems[0] ?? { file: '?', message: 'unknown problem' }
    super(total === 1 ? describe(first) : summarise('Cannot export', problems, total))
    this.problems = problems
    this.total = total
  }
}

export interface ReadOptions {
  /**
   * false (default): any problem throws one FormatError listing them and nothing is imported.
   * true: invalid entries (a box, a line, an image, a file) are left out and listed in `skipped`.
   * Problems that leave nothing sensible to import (unparseable JSON, no class list) always throw.
   */
  skipInvalid?: boolean
}

export interface ReadResult {
  set: AnnotationSet
  /** Entries left out with `skipInvalid` (the first MAX_PROBLEMS). Empty otherwise. */
  skipped: Problem[]
  /** How many entries were left out in all. */
  skippedCount: number
}

/** Collects problems while a reader walks its input, keeping the first MAX_PROBLEMS. */
export class ProblemLog {
  readonly kept: Problem[] = []
  count = 0

  add(file: string, entry: string | undefined, message: string): void {
    this.count++
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(entry === undefined ? { file, message } : { file, entry, message })
  }

  /** Throws a FormatError for a problem nothing can be imported without. */
  fatal(file: string, entry: string | undefined, message: string): never {
    this.add(file, entry, message)
    throw new FormatError(this.kept, this.count)
  }

  /** Ends a read: throws unless skipping was asked for, else returns the set with what was skipped. */
  finish(set: AnnotationSet, options: ReadOptions | undefined): ReadResult {
    if (this.count > 0 && !options?.skipInvalid) throw new FormatError(this.kept, this.count)
    return { set, skipped: this.kept, skippedCount: this.count }
  }
}
