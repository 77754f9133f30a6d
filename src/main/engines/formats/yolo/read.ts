import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { withoutExtension } from '../export-folder'
import { isDirectory, listFiles } from '../list-files'
import { shapeBounds, shapeProblem } from '../../../../shared/shapes/shape'
import { boxProblem, OUTSIDE_TOLERANCE_PX, type AnnotatedImage, type Box, type ImageSize, type Shape } from '../model'
import { parseDecimal } from '../numbers'
import { ProblemLog, type ReadOptions, type ReadResult } from '../problems'
import { readYoloClassNames } from './class-files'

export interface YoloReadOptions extends ReadOptions {
  /**
   * Every image of the dataset: its path relative to the images root (with extension) → its size.
   * YOLO files store neither the image's extension nor its size. Images without a label file are
   * read as images with no boxes; a label file without an image is a problem.
   */
  images: ReadonlyMap<string, ImageSize>
  /** Class names in id order; overrides classes.txt / data.yaml. */
  classes?: string[]
}

/**
 * Reads YOLO detection and segmentation labels: `<stem>.txt` per image, one `class cx cy w h` line per box with the
 * centre and size normalised to the image's width and height, or one `class x1 y1 x2 y2 …` line (3 points or more,
 * normalised) per polygon, which becomes a box with that shape, its bounds.
 * `dir` is the dataset folder holding `labels/`, or the labels folder itself.
 */
export async function readYolo(dir: string, options: YoloReadOptions): Promise<ReadResult> {
  const log: ProblemLog = new ProblemLog()
  const labelsDir = (await isDirectory(join(dir, 'labels'))) ? join(dir, 'labels') : dir
  const root = labelsDir === dir ? dirname(dir) : dir
  const prefix = labelsDir === dir ? '' : 'labels/'
  const classes = options.classes ?? (await readYoloClassNames(root, labelsDir, log))

  const labelFiles = new Set((await listFiles(labelsDir)).filter((f) => f.endsWith('.txt') && f !== 'classes.txt'))
  const imagesByStem = new Map<string, string[]>()
  for (const file of options.images.keys()) {
    const stem = withoutExtension(file)
    imagesByStem.set(stem, [...(imagesByStem.get(stem) ?? []), file])
  }

  const images: AnnotatedImage[] = []
  for (const [file, size] of options.images) {
    const image: AnnotatedImage = { file, width: size.width, height: size.height, boxes: [], tags: [] }
    const labelFile = `${withoutExtension(file)}.txt`
    if (labelFiles.has(labelFile)) {
      const sharing = imagesByStem.get(withoutExtension(file)) ?? []
      if (sharing.length > 1) {
        log.add(prefix + labelFile, undefined, `matches several images (${sharing.join(', ')}); ${file} skipped`)
        continue
      }
      const text = await readFile(join(labelsDir, ...labelFile.split('/')), 'utf8')
      image.boxes = parseLabelFile(text, prefix + labelFile, image, classes, log)
    }
    images.push(image)
  }
  for (const labelFile of labelFiles) {
    if (!imagesByStem.has(labelFile.slice(0, -'.txt'.length))) {
      log.add(prefix + labelFile, undefined, 'no image with this name (any extension) among the images')
    }
  }
  return log.finish({ classes, images }, options)
}

function parseLabelFile(text: string, file: string, size: ImageSize, classes: readonly string[], log: ProblemLog): Box[] {
  const boxes: Box[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '') return
    const entry = `line ${i + 1}`
    const fields = line.split(/\s+/)
    if (fields.length !== 5 && (fields.length < 7 || fields.length % 2 === 0)) {
      return log.add(
        file,
        entry,
        `expected "class cx cy w h" (5 values) or a polygon "class x1 y1 x2 y2 x3 y3 …" (an odd number, 7 or more), found ${fields.length} values`,
      )
    }
    const [idText = '', ...rest] = fields
    const id = /^\d+$/.test(idText) ? Number(idText) : NaN
    if (!Number.isSafeInteger(id)) return log.add(file, entry, `class id ${JSON.stringify(idText)} is not a whole number`)
    const label = classes[id]
    if (label === undefined) return log.add(file, entry, `unknown class id ${id} (there are ${classes.length} classes)`)
    const numbers = rest.map(parseDecimal)
    if (numbers.length > 4) {
      if (!numbers.every((n) => n !== undefined)) return log.add(file, entry, 'polygon coordinates must be numbers')
      const polygon = (numbers as number[]).map((n, index) => n * (index % 2 === 0 ? size.width : size.height))
      const shape: Shape = { kind: 'polygons', polygons: [polygon] }
      const problem = shapeProblem(shape, size, OUTSIDE_TOLERANCE_PX)
      if (problem) return log.add(file, entry, problem)
      const bounds = shapeBounds(shape)!
      if (!(bounds.width > 0 && bounds.height > 0)) return log.add(file, entry, 'the polygon has no area (its points are on one line)')
      boxes.push({ label, ...bounds, shape })
      return
    }
    const [cx, cy, w, h] = numbers
    if (cx === undefined || cy === undefined || w === undefined || h === undefined) return log.add(file, entry, 'cx cy w h must be numbers')
    // The writer stores the centre and size of the pixel box; this is its exact inverse.
    const width = w * size.width
    const height = h * size.height
    const box = { label, x: cx * size.width - width / 2, y: cy * size.height - height / 2, width, height }
    const problem = boxProblem(box, size)
    if (problem) return log.add(file, entry, problem)
    boxes.push(box)
  })
  return boxes
}
