import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { loadModelPixels } from '../ml/preprocess'

/**
 * Box proposals from a COCO object detector that ships inside an npm package with its weights: CenterNet on a
 * MobileNetV3 trunk (MIT, https://github.com/610265158/mobilenetv3_centernet), as converted to a TF.js graph model
 * in @vladmandic/human (MIT) under models/centernet.json + centernet.bin, about 4 MB. Loaded from that local folder,
 * never fetched.
 *
 * Input: one 512 × 512 RGB image, values 0-255 (the whole frame resized to the square, aspect ratio not kept).
 * Output 'tower_0/detections': [1, 100, 6], each row x1, y1, x2, y2 (pixels of the 512 × 512 input), score, class
 * (0-based index into the 80 COCO classes below). Checked against coco128's ground truth (test/training).
 */

export const DETECTOR_NAME = 'centernet-mobilenetv3 (COCO, @vladmandic/human)'
export const DETECTOR_INPUT = 512

/** The 80 COCO classes, in the detector's class-index order. */
export const COCO_CLASSES = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard',
  'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple',
  'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch',
  'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone',
  'microwave', 'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear',
  'hair drier', 'toothbrush',
] as const

export interface DetectorFiles {
  modelFile: string
  weightFiles: string[]
  bytes: number
}

/** Where the installed package keeps the detector, or why it cannot be used. */
export function locateDetector(): { files: DetectorFiles; problem: null } | { files: null; problem: string } {
  let main: string
  try {
    // The package's exports map has no entry for package.json; its Node entry sits in dist/.
    main = createRequire(import.meta.url).resolve('@vladmandic/human')
  } catch {
    return { files: null, problem: 'The object detector comes with the npm package @vladmandic/human, which is not installed.' }
  }
  const dir = join(dirname(dirname(main)), 'models')
  const modelFile = join(dir, 'centernet.json')
  const weightFile = join(dir, 'centernet.bin')
  if (!existsSync(modelFile) || !existsSync(weightFile)) {
    return { files: null, problem: `The detector's files (centernet.json, centernet.bin) are missing from ${dir}.` }
  }
  return { files: { modelFile, weightFiles: [weightFile], bytes: statSync(modelFile).size + statSync(weightFile).size }, problem: null }
}

/** The image as the detector's input: 512 × 512 × 3 floats, 0-255. */
export async function detectorInput(path: string | Buffer): Promise<Float32Array> {
  const pixels = await loadModelPixels(path, { input: { width: DETECTOR_INPUT, height: DETECTOR_INPUT, channels: 3 }, normalisation: { scale: 1, offset: 0 } })
  return Float32Array.from(pixels)
}

export interface Detection {
  label: string
  score: number
  /** In pixels of the original image. */
  x: number
  y: number
  width: number
  height: number
}

/**
 * The detector's rows as boxes on the original image: those scoring at least `threshold`, mapped back from the
 * 512 × 512 input, clipped to the image, then per-class non-maximum suppression (a box overlapping a better-scoring
 * one of the same class by more than `iou` is dropped). Best first.
 */
export function decodeDetections(
  rows: Float32Array,
  count: number,
  image: { width: number; height: number },
  options: { threshold: number; iou?: number; maxDetections?: number },
): Detection[] {
  const sx = image.width / DETECTOR_INPUT
  const sy = image.height / DETECTOR_INPUT
  const candidates: (Detection & { cls: number })[] = []
  for (let i = 0; i < count; i++) {
    const [x1, y1, x2, y2, score, cls] = [0, 1, 2, 3, 4, 5].map((k) => rows[i * 6 + k]!) as [number, number, number, number, number, number]
    if (!(score >= options.threshold) || !Number.isFinite(cls)) continue
    const index = Math.round(cls)
    const label = COCO_CLASSES[index]
    if (label === undefined) continue
    const left = clamp(Math.min(x1, x2) * sx, 0, image.width)
    const top = clamp(Math.min(y1, y2) * sy, 0, image.height)
    const right = clamp(Math.max(x1, x2) * sx, 0, image.width)
    const bottom = clamp(Math.max(y1, y2) * sy, 0, image.height)
    if (right - left < 1 || bottom - top < 1) continue
    candidates.push({ label, cls: index, score, x: left, y: top, width: right - left, height: bottom - top })
  }
  candidates.sort((a, b) => b.score - a.score)
  const kept: (Detection & { cls: number })[] = []
  const limit = options.iou ?? 0.5
  for (const candidate of candidates) {
    if (kept.some((other) => other.cls === candidate.cls && iou(other, candidate) > limit)) continue
    kept.push(candidate)
    if (kept.length >= (options.maxDetections ?? 100)) break
  }
  return kept.map(({ cls: _cls, ...detection }) => detection)
}

export function iou(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  if (w <= 0 || h <= 0) return 0
  const inter = w * h
  return inter / (a.width * a.height + b.width * b.height - inter)
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}
