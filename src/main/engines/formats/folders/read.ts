import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { byCodePoint, listFiles } from '../list-files'
import { classNameProblem, isPositiveSize, type AnnotatedImage, type ImageSize } from '../model'
import { ProblemLog, type ReadOptions, type ReadResult } from '../problems'

export interface FolderReadOptions extends ReadOptions {
  /** The size of an image, given its absolute path: folders store none. */
  imageSize: (path: string) => Promise<ImageSize> | ImageSize
  /** Which files (relative paths) are images. Default: common image extensions; other files are ignored. */
  isImage?: (file: string) => boolean
}

const IMAGE_EXTENSIONS = /\.(jpe?g|png|bmp|gif|webp|tiff?|dcm)$/i

/**
 * Reads a folder-per-class dataset (ImageFolder layout): `<root>/<class>/<name>` is an image tagged
 * `class`, whose `file` is `<class>/<name>` — where it is, since datasets such as CIFAR reuse names
 * (0000.jpg) in every class folder. The same name with identical bytes in several class folders is
 * one image with several tags (how the writer stores multi-tag images); its `file` is the first copy.
 * Classes are the subfolders sorted by code point (torchvision's ImageFolder order), empty ones included.
 */
export async function readFolders(root: string, options: FolderReadOptions): Promise<ReadResult> {
  const log: ProblemLog = new ProblemLog()
  const isImage = options.isImage ?? ((f: string) => IMAGE_EXTENSIONS.test(f))
  const entries = await readdir(root, { withFileTypes: true })
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(byCodePoint)
  if (folders.length === 0) log.fatal(root, undefined, 'no class folders in this folder')
  for (const e of entries) if (e.isFile() && isImage(e.name)) log.add(e.name, undefined, 'image outside any class folder; skipped')

  const classes: string[] = []
  const images: AnnotatedImage[] = []
  const byName = new Map<string, AnnotatedImage[]>()
  for (const label of folders) {
    const problem = classNameProblem(label)
    if (problem) {
      log.add(label, undefined, `${problem}; folder skipped`)
      continue
    }
    classes.push(label)
    for (const name of (await listFiles(join(root, label))).filter(isImage)) {
      const file = `${label}/${name}`
      const sameName = byName.get(name) ?? []
      const copyOf = await findCopy(root, file, sameName)
      if (copyOf) {
        copyOf.tags.push(label)
        continue
      }
      const path = join(root, ...file.split('/'))
      const size = await (async () => options.imageSize(path))().catch((e: Error) => e) // sync throws too
      if (size instanceof Error || !isPositiveSize(size.width) || !isPositiveSize(size.height)) {
        log.add(file, undefined, `cannot read the image's size${size instanceof Error ? `: ${size.message}` : ''}; skipped`)
        continue
      }
      const image: AnnotatedImage = { file, width: size.width, height: size.height, boxes: [], tags: [label] }
      byName.set(name, [...sameName, image])
      images.push(image)
    }
  }
  return log.finish({ classes, images }, options)
}

/** The image among `candidates` whose file has the same bytes as `file`. Sizes first: reading is the slow part. */
async function findCopy(root: string, file: string, candidates: AnnotatedImage[]): Promise<AnnotatedImage | undefined> {
  if (candidates.length === 0) return undefined
  const path = (f: string) => join(root, ...f.split('/'))
  const { size } = await stat(path(file))
  for (const candidate of candidates) {
    if ((await stat(path(candidate.file))).size !== size) continue
    const [a, b] = await Promise.all([readFile(path(file)), readFile(path(candidate.file))])
    if (a.equals(b)) return candidate
  }
  return undefined
}
