import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { buildFolderAtomically, inside, placeImage, type ImageCopy, writeResult, type WriteResult } from '../export-folder'
import { numbered } from '../export-names'
import { countLosses, FORMAT_CARRIES } from '../lost-information'
import type { AnnotationSet } from '../model'
import { ExportError, ProblemLog } from '../problems'
import { assertExportable } from '../validate-export'

export interface FolderWriteOptions {
  /** Where the image files are; this format is made of them. */
  images: ImageCopy
  /** See WriteOptions.workFolder. */
  workFolder?: string
}

/**
 * Writes a folder-per-class dataset: `<out>/<class>/<name>` for each of an image's tags (an image
 * with two tags is in two folders) and an empty folder for each unused class, as a new folder.
 * `name` is the image's `file` without a leading class folder, so a set read from this format
 * writes back to the same paths; names that would clash in one folder get "-2", "-3" before the
 * extension. Boxes and untagged images have no place in this format; they are counted in `warnings`.
 */
export async function writeFolders(set: AnnotationSet, out: string, options: FolderWriteOptions): Promise<WriteResult> {
  assertExportable(set, { filesArePaths: true })
  assertFolderNames(set.classes)
  const placements = placeInClassFolders(set)
  const dir = await buildFolderAtomically(out, async (tmp) => {
    for (const label of set.classes) await mkdir(join(tmp, label))
    for (const { file, path } of placements) await placeImage(options.images, file, inside(tmp, path))
  }, options.workFolder)
  const notes: string[] = []
  const untagged = set.images.filter((im) => im.tags.length === 0).length
  if (untagged > 0) notes.push(`${untagged} image${untagged === 1 ? '' : 's'} without a tag left out`)
  const renamed = placements.filter((p) => p.renamed).length
  if (renamed > 0) notes.push(`${renamed} file${renamed === 1 ? '' : 's'} renamed to avoid a name clash`)
  return writeResult(dir, countLosses(set, FORMAT_CARRIES.folders), notes)
}

interface Placement {
  file: string
  /** `<class>/<name>` inside the export. */
  path: string
  renamed: boolean
}

function placeInClassFolders(set: AnnotationSet): Placement[] {
  const classes = new Set(set.classes)
  const taken = new Set<string>() // case-folded: one file on macOS and Windows
  const placements: Placement[] = []
  for (const image of set.images) {
    const slash = image.file.indexOf('/')
    const name = slash > 0 && classes.has(image.file.slice(0, slash)) ? image.file.slice(slash + 1) : image.file
    for (const tag of image.tags) {
      let path = `${tag}/${name}`
      for (let n = 2; taken.has(path.toLowerCase()); n++) path = `${tag}/${numbered(name, n)}`
      taken.add(path.toLowerCase())
      placements.push({ file: image.file, path, renamed: path !== `${tag}/${name}` })
    }
  }
  return placements
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i

/** Class names become folder names, which must mean the same on Linux, macOS and Windows. */
function assertFolderNames(classes: readonly string[]): void {
  const log = new ProblemLog()
  const folded = new Set<string>()
  classes.forEach((name, i) => {
    const entry = `class ${i}`
    if (/[/\\:*?"<>|]/.test(name)) log.add('classes', entry, `${JSON.stringify(name)} can't be a folder name (it contains one of / \\ : * ? " < > |)`)
    else if (name.startsWith('.') || name.endsWith('.')) log.add('classes', entry, `${JSON.stringify(name)} can't be a folder name (starts or ends with ".")`)
    else if (RESERVED.test(name)) log.add('classes', entry, `${JSON.stringify(name)} is a reserved name on Windows`)
    if (folded.has(name.toLowerCase())) log.add('classes', entry, `${JSON.stringify(name)} differs from another class only in case`)
    folded.add(name.toLowerCase())
  })
  if (log.count > 0) throw new ExportError(log.kept, log.count)
}
