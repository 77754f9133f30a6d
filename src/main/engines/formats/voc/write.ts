import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { buildFolderAtomically, inside, placeImage, withoutExtension, type WriteOptions, writeResult, type WriteResult } from '../export-folder'
import { countLosses, FORMAT_CARRIES } from '../lost-information'
import type { AnnotatedImage, AnnotationSet, Box, DicomReference } from '../model'
import { plainDecimal } from '../numbers'
import { setsByPart, type SplitLayout } from '../split-layout'
import { assertExportable, assertNoCollisions } from '../validate-export'
import { indexedPng, paintPixels, shapePixels } from './segmentation-png'
import { escapeXml } from './xml'

/** The `<dicom>` element's children, in order: named as the model's reference keys. */
export const VOC_DICOM_ELEMENTS = ['studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'frameNumber'] as const satisfies readonly (keyof DicomReference)[]

export interface VocWriteOptions extends WriteOptions {
  /**
   * 'round' (default): whole pixel indices, which every VOC consumer parses; boxes drawn at
   * sub-pixel positions snap to the nearest pixel edge. 'exact': the decimal values, which read back
   * within ~1e-12 px but break tools that parse the numbers as integers.
   */
  coordinates?: 'round' | 'exact'
}

/**
 * Writes `<out>/Annotations/<stem>.xml` per image, `<out>/classes.txt` (VOC has no class list; it
 * keeps the class order and unused classes for a round trip) and, when asked, `<out>/JPEGImages/`.
 * Numbers follow the reader's convention: xmin = x + 1, xmax = x + width (1-based, inclusive).
 * A DICOM frame's reference is a `<dicom>` element after `<segmented>`.
 * An image with masks or polygons also gets `SegmentationObject/<stem>.png` and `SegmentationClass/<stem>.png` (see
 * segmentation-png.ts), polygons filled as pixels; VOC reads them back as masks (the warnings say how many).
 * A split export lists each part's images (by annotation file name, without `.xml`) in `ImageSets/Main/<part>.txt`,
 * as the devkit does, and train and val together in `trainval.txt`.
 */
export async function writeVoc(set: AnnotationSet, out: string, options: VocWriteOptions = {}): Promise<WriteResult> {
  assertExportable(set, { filesArePaths: true })
  const xmlFile = (file: string) => `Annotations/${withoutExtension(file)}.xml`
  assertNoCollisions(set, xmlFile, 'annotation file')
  const folder = basename(out)
  const maskWarnings: string[] = []
  const dir = await buildFolderAtomically(out, async (tmp) => {
    await writeFile(join(tmp, 'classes.txt'), set.classes.map((name) => `${name}\n`).join(''))
    await mkdir(join(tmp, 'Annotations')) // even for no images: it marks the folder as a VOC dataset
    for (const image of set.images) {
      const path = inside(tmp, xmlFile(image.file))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, vocXml(image, folder, options.coordinates ?? 'round'))
      const pngs = segmentationPngs(image, set.classes)
      if (typeof pngs === 'string') maskWarnings.push(pngs)
      else if (pngs) {
        for (const [kind, png] of [['SegmentationObject', pngs.objects], ['SegmentationClass', pngs.classes]] as const) {
          const target = inside(tmp, `${kind}/${withoutExtension(image.file)}.png`)
          await mkdir(dirname(target), { recursive: true })
          await writeFile(target, png)
        }
        if (pngs.overlapping > 0) maskWarnings.push(`${image.file}: ${pngs.overlapping} pixels where shapes overlap, kept by the later object only`)
      }
      if (options.images) await placeImage(options.images, image.file, inside(join(tmp, 'JPEGImages'), image.file))
    }
    if (options.split) await writeImageSets(tmp, set, options.split)
  }, options.workFolder)
  return writeResult(dir, countLosses(set, FORMAT_CARRIES.voc), maskWarnings)
}

/**
 * An image's masks and polygons as VOC's SegmentationObject PNG (each object's pixels numbered as the object in the
 * XML) and SegmentationClass PNG (numbered by class, 1 for the first), when it has either; or why they cannot be written (a
 * PNG value is one byte and 255 is VOC's void border, so 254 objects or classes at most).
 */
function segmentationPngs(image: AnnotatedImage, classes: readonly string[]): { objects: Buffer; classes: Buffer; overlapping: number } | string | undefined {
  if (!image.boxes.some(hasShape)) return undefined
  if (image.boxes.length > 254) return `${image.file}: masks not written, a VOC segmentation PNG numbers at most 254 objects`
  if (classes.length > 254) return `${image.file}: masks not written, a VOC segmentation PNG numbers at most 254 classes`
  const objects = new Uint8Array(image.width * image.height)
  const byClass = new Uint8Array(image.width * image.height)
  let overlapping = 0
  image.boxes.forEach((box, i) => {
    if (!box.shape) return
    const pixels = shapePixels(box.shape, image.width, image.height)
    overlapping += paintPixels(objects, pixels, i + 1)
    paintPixels(byClass, pixels, classes.indexOf(box.label) + 1)
  })
  return { objects: indexedPng(image.width, image.height, objects), classes: indexedPng(image.width, image.height, byClass), overlapping }
}

async function writeImageSets(dir: string, set: AnnotationSet, split: SplitLayout): Promise<void> {
  const lists = setsByPart(set, split).map(({ part, set: partSet }) => ({ part: part as string, stems: partSet.images.map((image) => withoutExtension(image.file)) }))
  const train = lists.find((list) => list.part === 'train')
  const val = lists.find((list) => list.part === 'val')
  if (train && val) lists.push({ part: 'trainval', stems: [...train.stems, ...val.stems] })
  await mkdir(join(dir, 'ImageSets', 'Main'), { recursive: true })
  for (const { part, stems } of lists) await writeFile(join(dir, 'ImageSets', 'Main', `${part}.txt`), stems.map((stem) => `${stem}\n`).join(''))
}

/** One image's annotation XML, laid out like the devkit's and labelImg's files. */
export function vocXml(image: AnnotatedImage, folder: string, coordinates: 'round' | 'exact' = 'round'): string {
  const slash = image.file.lastIndexOf('/')
  const lines = [
    '<annotation>',
    `\t<folder>${escapeXml(folder)}</folder>`,
    `\t<filename>${escapeXml(image.file.slice(slash + 1))}</filename>`,
    '\t<size>',
    `\t\t<width>${plainDecimal(image.width)}</width>`,
    `\t\t<height>${plainDecimal(image.height)}</height>`,
    `\t\t<depth>${image.depth ?? 3}</depth>`,
    '\t</size>',
    `\t<segmented>${image.boxes.some(hasShape) ? 1 : 0}</segmented>`,
    ...(image.dicom ? dicomLines(image.dicom) : []),
    ...image.boxes.flatMap((box) => objectLines(box, coordinates)),
    '</annotation>',
  ]
  return `${lines.join('\n')}\n`
}

/** Loupe's addition for DICOM frames: which instance and frame the image is. VOC readers skip elements they do not know. */
function dicomLines(reference: DicomReference): string[] {
  const values = VOC_DICOM_ELEMENTS.filter((key) => reference[key] !== undefined)
  return ['\t<dicom>', ...values.map((key) => `\t\t<${key}>${escapeXml(String(reference[key]))}</${key}>`), '\t</dicom>']
}

function objectLines(box: Box, coordinates: 'round' | 'exact'): string[] {
  const [xmin, ymin, xmax, ymax] = coordinates === 'exact' ? exactIndices(box) : roundedIndices(box)
  return [
    '\t<object>',
    `\t\t<name>${escapeXml(box.label)}</name>`,
    `\t\t<pose>${escapeXml(box.pose ?? 'Unspecified')}</pose>`,
    `\t\t<truncated>${box.truncated ? 1 : 0}</truncated>`,
    `\t\t<difficult>${box.difficult ? 1 : 0}</difficult>`,
    '\t\t<bndbox>',
    `\t\t\t<xmin>${xmin}</xmin>`,
    `\t\t\t<ymin>${ymin}</ymin>`,
    `\t\t\t<xmax>${xmax}</xmax>`,
    `\t\t\t<ymax>${ymax}</ymax>`,
    '\t\t</bndbox>',
    '\t</object>',
  ]
}

function exactIndices(box: Box): string[] {
  return [box.x + 1, box.y + 1, box.x + box.width, box.y + box.height].map(plainDecimal)
}

/** Edges snap to the nearest pixel edge; a box thinner than a pixel still keeps one pixel. */
function roundedIndices(box: Box): string[] {
  const left = Math.round(box.x)
  const top = Math.round(box.y)
  const right = Math.max(Math.round(box.x + box.width), left + 1)
  const bottom = Math.max(Math.round(box.y + box.height), top + 1)
  return [left + 1, top + 1, right, bottom].map(plainDecimal)
}

const hasShape = (box: Box) => box.shape !== undefined
