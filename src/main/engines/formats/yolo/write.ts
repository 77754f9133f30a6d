import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { buildFolderAtomically, inside, placeImage, withoutExtension, type WriteOptions, writeResult, type WriteResult } from '../export-folder'
import { countLosses, FORMAT_CARRIES } from '../lost-information'
import type { AnnotatedImage, AnnotationSet } from '../model'
import { plainDecimal } from '../numbers'
import { assertExportable, assertNoCollisions } from '../validate-export'
import { classesTxt, dataYaml, splitDataYaml } from './class-files'

/**
 * Writes `<out>/labels/<stem>.txt` for every image (empty for an image without boxes, so it stays a
 * labelled negative), `<out>/classes.txt` and `<out>/data.yaml`, as a new folder.
 *
 * Normalised numbers are written with every digit needed to read back the same double (no fixed
 * 6 decimals), so a box comes back within ~1e-12 px of where it was.
 *
 * A split export puts each part in its own folders, `labels/<part>/` and `images/<part>/`, as Ultralytics lays them
 * out, and data.yaml names them.
 *
 * With `segmentation`, every object is a polygon line `class x1 y1 x2 y2 …` (Ultralytics' segmentation labels, which
 * must not mix in box lines): each polygon of a shape its own line, a box without a shape (or with a mask, which YOLO
 * cannot hold) its rectangle's four corners. Without it, every object is its box. The warnings say which of these
 * happened how often.
 */
export interface YoloWriteOptions extends WriteOptions {
  segmentation?: boolean
}

export async function writeYolo(set: AnnotationSet, out: string, options: YoloWriteOptions = {}): Promise<WriteResult> {
  assertExportable(set, { filesArePaths: true })
  const split = options.split
  const folderOf = (file: string) => (split ? `${split.partOf.get(file)}/` : '')
  const labelFile = (file: string) => `labels/${folderOf(file)}${withoutExtension(file)}.txt`
  assertNoCollisions(set, labelFile, 'label file')
  const idOf = new Map(set.classes.map((name, i) => [name, i]))
  const dir = await buildFolderAtomically(out, async (tmp) => {
    await writeFile(join(tmp, 'classes.txt'), classesTxt(set.classes))
    await writeFile(join(tmp, 'data.yaml'), split ? splitDataYaml(set.classes, resolve(out), split.parts) : dataYaml(set.classes))
    await mkdir(join(tmp, 'labels')) // even for no images: readers look for it
    for (const part of split?.parts ?? []) await mkdir(join(tmp, 'labels', part)) // an empty part is still a part
    for (const image of set.images) {
      const path = inside(tmp, labelFile(image.file))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, options.segmentation ? polygonLines(image, idOf) : labelLines(image, idOf))
      if (options.images) await placeImage(options.images, image.file, inside(join(tmp, 'images'), folderOf(image.file) + image.file))
    }
  }, options.workFolder)
  return writeResult(dir, countLosses(set, FORMAT_CARRIES[options.segmentation ? 'yolo-seg' : 'yolo']))
}

function labelLines(image: AnnotatedImage, idOf: ReadonlyMap<string, number>): string {
  return image.boxes
    .map((box) => {
      const values = [
        (box.x + box.width / 2) / image.width,
        (box.y + box.height / 2) / image.height,
        box.width / image.width,
        box.height / image.height,
      ]
      return `${idOf.get(box.label)} ${values.map(plainDecimal).join(' ')}\n`
    })
    .join('')
}

function polygonLines(image: AnnotatedImage, idOf: ReadonlyMap<string, number>): string {
  return image.boxes
    .flatMap((box) => {
      const { x, y, width: w, height: h } = box
      const polygons = box.shape?.kind === 'polygons' ? box.shape.polygons : [[x, y, x + w, y, x + w, y + h, x, y + h]]
      return polygons.map((polygon) => {
        const values = polygon.map((n, index) => n / (index % 2 === 0 ? image.width : image.height))
        return `${idOf.get(box.label)} ${values.map(plainDecimal).join(' ')}\n`
      })
    })
    .join('')
}
