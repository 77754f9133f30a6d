import type { AnnotatedImage, AnnotationSet, Box, DicomReference } from '../../../../src/main/engines/formats'
import type { Shape } from '../../../../src/shared/api/schemas'
import { mulberry32 } from '../../../../src/shared/random/mulberry32'
import { shapeBounds } from '../../../../src/shared/shapes/shape'

/** A seeded generator (mulberry32) so a failing case can be replayed from its seed. */
export function seeded(seed: number): Random {
  const next = mulberry32(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
  }
}

export interface Random {
  next(): number
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
}

/** Names that trip up naive writers: YAML keywords and syntax, XML markup, unicode, inner spaces. */
const TRICKY_NAMES = [
  'person', 'traffic light', 'ñandú', '猫', 'emoji 🐱', 'yes', 'null', 'true', '123', '0x10', '1e5',
  'a: b', '- dash', '#hash', "o'clock", 'quote"d', '<tag> & co', 'two  spaces', 'Ünïcödé', '[x]', '{y}',
  '*star', 'back\\slash', 'slash/ed', 'دائرة', 'κύκλος', 'end.', '.start', 'CON',
]
/** Characters a folder name can't hold everywhere (see the folder writer). */
const NOT_FOLDER_SAFE = /[/\\:*?"<>|]|^\.|\.$|^con$/i

export interface SetShape {
  /** Integer box coordinates (VOC's whole pixel indices). */
  integer?: boolean
  /** Give images tags. */
  tags?: boolean
  /** Give boxes (folder-per-class sets have none). */
  boxes?: boolean
  /** Give some images/boxes COCO ids, crowd flags and stored areas, and the set category ids. */
  coco?: boolean
  /** Give boxes VOC pose/truncated/difficult and images a depth. */
  voc?: boolean
  /** Class names must be usable as folder names. */
  folderSafe?: boolean
  /** Give some images a DICOM reference (UIDs, some absent, and a frame number). */
  dicom?: boolean
  /**
   * Give some boxes a shape: 'polygons' only (YOLO segmentation), or 'coco': polygons and masks (list or compressed
   * counts) with the fields a COCO file may carry beside them (unknown keys on annotations, images, categories and the
   * file, which need coco too).
   */
  shapes?: 'polygons' | 'coco'
}

export function randomSet(r: Random, shape: SetShape): AnnotationSet {
  const classes = randomClasses(r, shape.folderSafe ?? false)
  const images: AnnotatedImage[] = []
  const stems = new Set<string>()
  const imageCount = r.int(0, 6)
  for (let i = 0; i < imageCount; i++) {
    const file = randomFile(r, i)
    const stem = file.replace(/\.[^./]*$/, '').toLowerCase()
    if (stems.has(stem)) continue
    stems.add(stem)
    images.push(randomImage(r, file, classes, shape))
  }
  const set: AnnotationSet = { classes, images }
  if (shape.shapes === 'coco') {
    if (r.chance(0.7)) set.fields = { info: { year: r.int(1990, 2030), description: randomWord(r) }, licenses: [{ id: 1, name: randomWord(r), url: '' }] }
    if (r.chance(0.7)) set.classExtra = Object.fromEntries(classes.map((name) => [name, { supercategory: randomWord(r), keypoints: r.chance(0.2) ? [randomWord(r)] : [] }]))
  }
  dropRepeatedIds(set)
  if (shape.coco && r.chance(0.5)) {
    let id = 0
    set.categoryIds = classes.map(() => (id += r.int(1, 5)))
  }
  return set
}

/** Random ids may repeat; a repeated id is not the set's to keep (the COCO writer renumbers it). */
function dropRepeatedIds(set: AnnotationSet): void {
  const images = new Set<number>()
  const boxes = new Set<number>()
  for (const image of set.images) {
    if (image.id !== undefined && images.has(image.id)) delete image.id
    if (image.id !== undefined) images.add(image.id)
    for (const box of image.boxes) {
      if (box.id !== undefined && boxes.has(box.id)) delete box.id
      if (box.id !== undefined) boxes.add(box.id)
    }
  }
}

function randomClasses(r: Random, folderSafe: boolean): string[] {
  const names = new Set<string>()
  const folded = new Set<string>()
  const count = r.int(1, 8)
  while (names.size < count) {
    let name = r.chance(0.6) ? r.pick(TRICKY_NAMES) : randomWord(r)
    if (r.chance(0.2)) name = `${name} ${randomWord(r)}`
    if (folderSafe && NOT_FOLDER_SAFE.test(name)) continue
    if (folded.has(name.toLowerCase())) continue
    names.add(name)
    folded.add(name.toLowerCase())
  }
  return [...names]
}

function randomWord(r: Random): string {
  const alphabets = ['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJ0123456789_-', 'äöüßéèçñ', 'дфжзик', '日本語中文字']
  const letters = [...r.pick(alphabets)]
  return Array.from({ length: r.int(1, 8) }, () => r.pick(letters)).join('')
}

function randomFile(r: Random, index: number): string {
  const name = `${randomWord(r)}_${index}.${r.pick(['jpg', 'png', 'jpeg', 'bmp'])}`
  return r.chance(0.2) ? `${r.pick(['sub', 'a b', 'ü'])}/${name}` : name
}

function randomImage(r: Random, file: string, classes: string[], shape: SetShape): AnnotatedImage {
  const width = r.chance(0.1) ? r.int(1, 3) : r.int(1, 4000)
  const height = r.chance(0.1) ? r.int(1, 3) : r.int(1, 4000)
  const image: AnnotatedImage = { file, width, height, boxes: [], tags: [] }
  const boxCount = shape.boxes === false || r.chance(0.2) ? 0 : r.int(1, 5)
  for (let i = 0; i < boxCount; i++) image.boxes.push(randomBox(r, image, classes, shape))
  if (shape.tags) image.tags = classes.filter(() => r.chance(0.3))
  if (shape.coco && r.chance(0.5)) image.id = r.int(1, 1_000_000)
  if (shape.voc && r.chance(0.5)) image.depth = r.pick([1, 3, 4])
  if (shape.dicom && r.chance(0.5)) image.dicom = randomDicomReference(r)
  if (shape.shapes === 'coco' && r.chance(0.5)) image.extra = { license: r.int(1, 8), coco_url: `http://example.com/${randomWord(r)}`, flag: r.chance(0.5) }
  return image
}

function randomDicomReference(r: Random): DicomReference {
  const uid = () => Array.from({ length: r.int(2, 12) }, () => String(r.int(0, 99_999))).join('.').slice(0, 64)
  const reference: DicomReference = { frameNumber: r.chance(0.5) ? 1 : r.int(2, 500) }
  if (r.chance(0.8)) reference.studyInstanceUid = uid()
  if (r.chance(0.8)) reference.seriesInstanceUid = uid()
  if (r.chance(0.9)) reference.sopInstanceUid = uid()
  return reference
}

function randomBox(r: Random, image: AnnotatedImage, classes: string[], shape: SetShape): Box {
  const [x, width] = shape.integer ? integerSpan(r, image.width) : floatSpan(r, image.width)
  const [y, height] = shape.integer ? integerSpan(r, image.height) : floatSpan(r, image.height)
  const box: Box = { label: r.pick(classes), x, y, width, height }
  if (shape.coco) {
    if (r.chance(0.3)) box.id = r.int(1, 1_000_000)
    if (r.chance(0.2)) box.crowd = true
    if (r.chance(0.3)) box.area = r.next() * width * height
  }
  if (shape.shapes && r.chance(0.5)) {
    box.shape = shape.shapes === 'coco' && r.chance(0.3) ? randomMask(r, image) : randomPolygons(r, image, shape.shapes === 'coco' ? r.int(1, 3) : 1)
    // The box of an object with a shape is the shape's bounds, as Loupe derives it.
    Object.assign(box, shapeBounds(box.shape))
    if (shape.shapes === 'coco' && r.chance(0.3)) box.extra = { note: randomWord(r), score: r.next(), nested: { a: [1, 2] } }
  }
  if (shape.voc && r.chance(0.7)) {
    box.pose = r.pick(['Unspecified', 'Left', 'Frontal', 'Rear'])
    box.truncated = r.chance(0.3)
    box.difficult = r.chance(0.3)
  }
  return box
}

/** Start and length of a box edge inside [0, size], touching the edges now and then. */
function integerSpan(r: Random, size: number): [number, number] {
  const start = r.chance(0.2) ? 0 : r.int(0, size - 1)
  const length = r.chance(0.2) ? size - start : r.int(1, size - start)
  return [start, length]
}

function floatSpan(r: Random, size: number): [number, number] {
  const start = r.chance(0.2) ? 0 : r.next() * size * 0.99
  const room = size - start
  const length = r.chance(0.2) ? room : Math.max(room * r.next(), room * 1e-3)
  return [start, length]
}

/** Polygons of 3 to 30 points anywhere in the image, sub-pixel, touching its edges now and then. */
export function randomPolygons(r: Random, image: { width: number; height: number }, count: number): Shape {
  const coordinate = (size: number) => (r.chance(0.1) ? r.pick([0, size]) : r.next() * size)
  const polygons = Array.from({ length: count }, () =>
    Array.from({ length: r.int(3, 30) }, () => [coordinate(image.width), coordinate(image.height)]).flat(),
  )
  return { kind: 'polygons', polygons }
}

/** A mask of the image's size: random runs, the first foreground one never empty, its counts listed or compressed. */
export function randomMask(r: Random, image: { width: number; height: number }): Shape {
  const total = image.width * image.height
  const background = r.chance(0.2) ? 0 : r.int(0, total - 1)
  const counts = [background, r.int(1, total - background)]
  let left = total - background - (counts[1] as number)
  while (left > 0) {
    const run = r.chance(0.1) ? 0 : Math.min(left, r.int(1, Math.max(1, Math.ceil(total / r.int(2, 40)))))
    counts.push(run)
    left -= run
  }
  return { kind: 'mask', rle: { size: [image.height, image.width], counts }, ...(r.chance(0.5) && { compressed: true }) }
}
