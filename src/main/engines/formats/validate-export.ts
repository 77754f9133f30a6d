import { relativePathProblem } from './export-folder'
import { boxProblem, classNameProblem, isPositiveSize, type AnnotationSet } from './model'
import { ExportError, ProblemLog } from './problems'

/**
 * Checks a set before any writer touches the disk, so an export either carries every box or
 * fails with the full list of reasons — never silently drops a box with an unknown label.
 * `filesArePaths`: the images' `file` names become paths inside the export (label files, copies),
 * so they must be safe relative paths; a COCO file_name alone may be anything (Label Studio
 * writes absolute ones) and is kept as it is.
 */
export function assertExportable(set: AnnotationSet, { filesArePaths }: { filesArePaths: boolean }): void {
  const log = new ProblemLog()
  const classes = new Set<string>()
  set.classes.forEach((name, i) => {
    const problem = classNameProblem(name)
    if (problem) log.add('classes', `class ${i}`, problem)
    if (classes.has(name)) log.add('classes', `class ${i}`, `class ${JSON.stringify(name)} is listed twice`)
    classes.add(name)
  })
  const files = new Set<string>()
  for (const image of set.images) {
    const where = image.file
    const pathProblem = filesArePaths ? relativePathProblem(image.file) : image.file === '' ? 'file name is empty' : undefined
    if (pathProblem) log.add(where, undefined, pathProblem)
    if (files.has(image.file)) log.add(where, undefined, 'two images have this file name')
    files.add(image.file)
    if (!isPositiveSize(image.width) || !isPositiveSize(image.height)) {
      log.add(where, undefined, `image size ${image.width} × ${image.height} is not positive`)
      continue
    }
    image.boxes.forEach((box, i) => {
      const entry = `box ${i + 1}`
      if (!classes.has(box.label)) log.add(where, entry, `label ${JSON.stringify(box.label)} is not one of the classes`)
      const problem = boxProblem(box, image)
      if (problem) log.add(where, entry, problem)
    })
    for (const tag of image.tags) {
      if (!classes.has(tag)) log.add(where, 'tags', `tag ${JSON.stringify(tag)} is not one of the classes`)
    }
  }
  if (log.count > 0) throw new ExportError(log.kept, log.count)
}

/** Throws an ExportError when two images would write to the same file (e.g. a.jpg and a.png → a.txt). */
export function assertNoCollisions(set: AnnotationSet, target: (file: string) => string, what: string): void {
  const log = new ProblemLog()
  const seen = new Map<string, string>()
  for (const image of set.images) {
    const key = target(image.file)
    // Case-folded: two names differing only in case are one file on macOS and Windows.
    const folded = key.toLowerCase()
    const other = seen.get(folded)
    if (other !== undefined) log.add(image.file, undefined, `would share the ${what} ${key} with ${other}`)
    else seen.set(folded, image.file)
  }
  if (log.count > 0) throw new ExportError(log.kept, log.count)
}
