import { withoutExtension } from './export-folder'

/**
 * What must differ between two images' names in an export: the exact text (a name inside a JSON file), the path
 * ignoring case (files: one file on macOS and Windows), or the path without its extension ignoring case (YOLO and VOC
 * name an image's label file after it, so x.jpg and x.png would share one).
 */
export type Distinct = 'exact' | 'path' | 'stem'

export interface ExportNames {
  /** The name in the export of each name given, in the same order. */
  names: string[]
  /** What was changed, for the export's result; empty when every name was kept. */
  warnings: string[]
}

// Control characters (a line break splits a line-based list, most are refused by Windows) and backslashes (a folder
// separator on Windows).
// eslint-disable-next-line no-control-regex
const UNPORTABLE = /[\u0000-\u001f\u007f\\]/g

/**
 * Names every image can have inside an export, whatever the catalogue calls it, so that no name fails an export.
 * `portable`: characters a path in the export cannot hold, or that mean something else on another system, become
 * "_"; empty, "." and ".." folder parts and a leading drive letter ("C:") are made harmless. Names that then meet
 * another (see Distinct) get "-2", "-3"… before the extension. A name that needs no change keeps it, first come first
 * served, so the same images in the same order always get the same names.
 */
export function exportNames(files: readonly string[], options: { portable: boolean; distinct: Distinct }): ExportNames {
  const key = keyFor(options.distinct)
  const wanted = files.map((file) => (options.portable ? portableName(file) : file))
  const names: (string | undefined)[] = new Array(files.length)
  const taken = new Set<string>()
  // First the names that can stay as they are, so that a renamed one never takes a name another image already has.
  wanted.forEach((name, i) => {
    if (name !== files[i] || taken.has(key(name))) return
    taken.add(key(name))
    names[i] = name
  })
  wanted.forEach((name, i) => {
    if (names[i] !== undefined) return
    let candidate = name
    for (let n = 2; taken.has(key(candidate)); n++) candidate = numbered(name, n)
    taken.add(key(candidate))
    names[i] = candidate
  })
  const final = names as string[]
  return { names: final, warnings: describeChanges(files, wanted, final) }
}

function keyFor(distinct: Distinct): (name: string) => string {
  if (distinct === 'exact') return (name) => name
  if (distinct === 'path') return (name) => name.toLowerCase()
  return (name) => withoutExtension(name).toLowerCase()
}

/** A relative path with `/` between folders that means the same on Linux, macOS and Windows. */
export function portableName(file: string): string {
  const parts = file
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .map((part) => (part === '..' ? '_' : part.replace(UNPORTABLE, '_')))
  if (parts[0] && /^[A-Za-z]:/.test(parts[0])) parts[0] = `${parts[0][0]}_${parts[0].slice(2)}`
  return parts.join('/') || 'image'
}

/** `a/b.jpg`, 2 → `a/b-2.jpg` */
export function numbered(name: string, n: number): string {
  const slash = name.lastIndexOf('/')
  const dot = name.lastIndexOf('.')
  return dot > slash + 1 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`
}

function describeChanges(files: readonly string[], wanted: readonly string[], names: readonly string[]): string[] {
  const warnings: string[] = []
  const changed = files.flatMap((file, i) => (wanted[i] !== file ? [i] : []))
  const clashing = names.flatMap((name, i) => (name !== wanted[i] ? [i] : []))
  const example = (i: number) => `${JSON.stringify(files[i])} → ${JSON.stringify(names[i])}`
  if (changed.length > 0) {
    const n = changed.length
    warnings.push(
      `${n} image name${n === 1 ? '' : 's'} held characters an export cannot use in a file name (control characters ` +
        `such as a line break, or backslashes) and ${n === 1 ? 'was' : 'were'} renamed with "_" in their place, ` +
        `e.g. ${example(changed[0]!)}`,
    )
  }
  if (clashing.length > 0) {
    const n = clashing.length
    warnings.push(
      `${n} image${n === 1 ? ' was' : 's were'} renamed with a number so as not to overwrite another image's files, ` +
        `e.g. ${example(clashing[0]!)}`,
    )
  }
  return warnings
}
