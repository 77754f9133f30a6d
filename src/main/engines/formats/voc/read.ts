import { readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { byCodePoint, isDirectory, listFiles } from '../list-files'
import { dicomReferenceFrom, type DicomReferenceValues } from '../dicom-reference'
import { boxProblem, classNameProblem, isPositiveSize, type AnnotatedImage, type Box, type DicomReference } from '../model'
import { parseDecimal } from '../numbers'
import { ProblemLog, type ReadOptions, type ReadResult } from '../problems'
import { VOC_DICOM_ELEMENTS } from './write'
import { maskOfIndex, readIndexedPng } from './segmentation-png'
import { child, childText, parseXml, XmlSyntaxError, type XmlElement } from './xml'

export interface VocReadOptions extends ReadOptions {
  /** Class names in order; otherwise `classes.txt` beside the annotations, else the names found, sorted. */
  classes?: string[]
}

/**
 * Reads Pascal VOC XML files (one `<annotation>` per image).
 *
 * Coordinates: VOC `<bndbox>` numbers are pixel indices, 1-based and inclusive (the devkit's
 * convention), so a box covering the whole 200-px image is xmin 1 … xmax 200. In the model that is
 * x = xmin − 1, width = xmax − xmin + 1. The writer applies the exact inverse, so integer numbers
 * come back unchanged — including files written 0-based by other tools (their xmin 0 reads as
 * x = −1, inside the 1-px tolerance, and writes back as 0).
 *
 * `dir` is the dataset folder holding `Annotations/` (or `annotations/`), or the XML folder itself.
 * An XML in a subfolder names `sub/<filename>`. A `<dicom>` element (Loupe's) becomes the image's DICOM reference.
 */
export async function readVoc(dir: string, options: VocReadOptions = {}): Promise<ReadResult> {
  const log: ProblemLog = new ProblemLog()
  const sub = (await isDirectory(join(dir, 'Annotations'))) ? 'Annotations' : (await isDirectory(join(dir, 'annotations'))) ? 'annotations' : ''
  const xmlDir = sub ? join(dir, sub) : dir
  const known = options.classes ?? (await readClassesTxt(dir, log))

  const images: AnnotatedImage[] = []
  const seen = new Set<string>()
  // SegmentationObject/ beside the XML folder: one PNG per image whose values number its XML's objects.
  const segmentation = join(sub ? dir : dirname(xmlDir), 'SegmentationObject')
  const masks = (await isDirectory(segmentation)) ? segmentation : undefined
  const xmlFiles = (await listFiles(xmlDir)).filter((f) => f.toLowerCase().endsWith('.xml'))
  // Most likely the wrong folder was picked: say so rather than import an empty dataset.
  if (xmlFiles.length === 0 && !sub) log.fatal(xmlDir, undefined, 'no .xml annotation files in this folder or its Annotations/ folder')
  for (const rel of xmlFiles) {
    const file = sub ? `${sub}/${rel}` : rel
    const objectNumbers: number[] = []
    const image = readOne(await readFile(join(xmlDir, ...rel.split('/')), 'utf8'), file, rel, known, log, objectNumbers)
    if (!image) continue
    if (masks) await readMasks(masks, `${rel.slice(0, -'.xml'.length)}.png`, image, objectNumbers, log)
    if (seen.has(image.file)) {
      log.add(file, 'filename', `another XML already describes ${image.file}; skipped`)
      continue
    }
    seen.add(image.file)
    images.push(image)
  }
  const classes = known ?? [...new Set(images.flatMap((im) => im.boxes.map((b) => b.label)))].sort(byCodePoint)
  return log.finish({ classes, images }, options)
}

/**
 * Gives each object the pixels its number marks in the image's SegmentationObject PNG, when there is one; the void
 * border (255) belongs to no object. A PNG of another size than the image, or not of VOC's palette, is a problem.
 */
async function readMasks(folder: string, rel: string, image: AnnotatedImage, objectNumbers: readonly number[], log: ProblemLog): Promise<void> {
  const png = join(folder, ...rel.split('/'))
  const name = `SegmentationObject/${rel}`
  if (!(await isFile(png))) return
  const read = await readIndexedPng(png)
  if (typeof read === 'string') return log.add(name, undefined, read)
  if (read.width !== image.width || read.height !== image.height) {
    return log.add(name, undefined, `is ${read.width} × ${read.height}, the image ${image.width} × ${image.height}`)
  }
  image.boxes.forEach((box, i) => {
    const shape = maskOfIndex(read.values, read.width, read.height, objectNumbers[i]!)
    if (shape) box.shape = shape
  })
}

function readOne(
  text: string,
  file: string,
  rel: string,
  known: readonly string[] | undefined,
  log: ProblemLog,
  objectNumbers: number[],
): AnnotatedImage | undefined {
  let root: XmlElement
  try {
    root = parseXml(text)
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error
    log.add(file, `line ${error.line}, column ${error.column}`, `invalid XML: ${error.message}`)
    return undefined
  }
  if (root.name !== 'annotation') return void log.add(file, `line ${root.line}`, `root element is <${root.name}>, expected <annotation>`)
  const filename = childText(root, 'filename')
  if (!filename) return void log.add(file, 'filename', 'missing <filename>')
  const size = child(root, 'size')
  const width = parseDecimal(size ? (childText(size, 'width') ?? '') : '')
  const height = parseDecimal(size ? (childText(size, 'height') ?? '') : '')
  if (!isPositiveSize(width) || !isPositiveSize(height)) return void log.add(file, 'size', 'missing a positive <size> <width> and <height>')
  const slash = rel.lastIndexOf('/')
  const image: AnnotatedImage = { file: slash >= 0 ? rel.slice(0, slash + 1) + filename : filename, width, height, boxes: [], tags: [] }
  const depth = size ? childText(size, 'depth') : undefined
  if (depth !== undefined && depth !== '') {
    const n = parseDecimal(depth)
    if (n === undefined || !Number.isInteger(n) || n < 0) log.add(file, 'size', `<depth> ${JSON.stringify(depth)} is not a whole number`)
    else image.depth = n
  }
  const dicom = child(root, 'dicom')
  if (dicom) {
    const reference = readDicom(dicom)
    if (typeof reference === 'string') return void log.add(file, `dicom (line ${dicom.line})`, reference)
    image.dicom = reference
  }
  root.children
    .filter((c) => c.name === 'object')
    .forEach((object, i) => {
      const entry = `object ${i + 1}`
      const result = readObject(object, image, known)
      if (typeof result === 'string') log.add(file, `${entry} (line ${object.line})`, result)
      else {
        image.boxes.push(result)
        objectNumbers.push(i + 1)
      }
    })
  return image
}

/** Loupe's `<dicom>` element: which DICOM instance and frame the image is. */
function readDicom(element: XmlElement): DicomReference | string {
  const values: DicomReferenceValues = {}
  for (const key of VOC_DICOM_ELEMENTS) {
    const text = childText(element, key)
    if (text === undefined) continue
    values[key] = key === 'frameNumber' ? (parseDecimal(text) ?? text) : text
  }
  return dicomReferenceFrom(values, (key) => `<${key}>`)
}

/** The box, or why it can't be one. */
function readObject(object: XmlElement, image: AnnotatedImage, known: readonly string[] | undefined): Box | string {
  const label = childText(object, 'name') ?? ''
  const nameProblem = classNameProblem(label)
  if (nameProblem) return nameProblem
  if (known && !known.includes(label)) return `unknown class ${JSON.stringify(label)}`
  const bndbox = child(object, 'bndbox')
  if (!bndbox) return 'missing <bndbox>'
  const [xmin, ymin, xmax, ymax] = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => parseDecimal(childText(bndbox, k) ?? ''))
  if (xmin === undefined || ymin === undefined || xmax === undefined || ymax === undefined) {
    return '<bndbox> needs numeric <xmin>, <ymin>, <xmax> and <ymax>'
  }
  // Inclusive indices: xmax = xmin is a 1-px box; only a fractional file can describe a thinner one.
  if (xmax - xmin + 1 <= 0 || ymax - ymin + 1 <= 0) return `<bndbox> max is less than min (${xmin}, ${ymin}, ${xmax}, ${ymax})`
  const box: Box = { label, x: xmin - 1, y: ymin - 1, width: xmax - xmin + 1, height: ymax - ymin + 1 }
  const problem = boxProblem(box, image)
  if (problem) return `${problem} (bndbox ${xmin}, ${ymin}, ${xmax}, ${ymax})`
  for (const flag of ['difficult', 'truncated'] as const) {
    const value = childText(object, flag)
    if (value === undefined || value === '') continue
    if (value !== '0' && value !== '1') return `<${flag}> must be 0 or 1, not ${JSON.stringify(value)}`
    box[flag] = value === '1'
  }
  const pose = childText(object, 'pose')
  if (pose !== undefined) box.pose = pose
  return box
}

async function readClassesTxt(dir: string, log: ProblemLog): Promise<string[] | undefined> {
  const text = await readFile(join(dir, 'classes.txt'), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const names = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (names.length > 0 && names.at(-1) === '') names.pop()
  names.forEach((name, i) => {
    const problem = classNameProblem(name)
    if (problem) log.fatal('classes.txt', `line ${i + 1}`, problem)
    if (names.indexOf(name) !== i) log.fatal('classes.txt', `line ${i + 1}`, `class ${JSON.stringify(name)} is listed twice`)
  })
  return names
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false
}
