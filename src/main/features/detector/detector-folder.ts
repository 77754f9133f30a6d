import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { ApiError } from '../../../shared/api/errors'
import { DetectorEpoch, DetectorEvaluation, type DetectorDetail } from '../../../shared/api/schemas'
import { decodeHead, encodeHead, type DetectionHead } from '../../engines/detection/head'

export const MANIFEST_FILE = 'loupe-detector.json'
export const HEAD_FILE = 'head.bin'
const FORMAT = 'loupe-detector-1'

/** What loupe-detector.json says: enough to refuse a folder made for another backbone before reading its weights. */
const Manifest = z.object({
  format: z.literal(FORMAT),
  backbone: z.string().min(1),
  classes: z.array(z.string().min(1)).min(1),
  shape: z.object({
    classes: z.number().int(),
    hidden: z.number().int(),
    fineChannels: z.number().int(),
    coarseChannels: z.number().int(),
    globalChannels: z.number().int(),
    gridHeight: z.number().int(),
    gridWidth: z.number().int(),
  }),
  scoreThreshold: z.number().min(0).max(1),
  evaluation: DetectorEvaluation.nullable(),
  training: z.object({
    trainImages: z.number().int(),
    valImages: z.number().int(),
    epochs: z.number().int(),
    bestEpoch: z.number().int(),
    stoppedBy: z.enum(['early-stopping', 'max-epochs', 'cancelled']),
    valMAP50: z.number().nullable(),
    curves: z.array(DetectorEpoch),
    options: z.record(z.string(), z.unknown()),
  }),
})
export type DetectorManifest = z.infer<typeof Manifest>

/** Writes a version as a folder of its own: loupe-detector.json (what it is, how it did) and head.bin (encodeHead). */
export async function writeDetectorFolder(dir: string, version: DetectorDetail, head: DetectionHead): Promise<string[]> {
  const manifest: DetectorManifest = {
    format: FORMAT,
    backbone: version.backbone,
    classes: version.classes,
    shape: {
      classes: head.classes,
      hidden: head.hidden,
      fineChannels: head.fineChannels,
      coarseChannels: head.coarseChannels,
      globalChannels: head.globalChannels,
      gridHeight: head.gridHeight,
      gridWidth: head.gridWidth,
    },
    scoreThreshold: version.scoreThreshold,
    evaluation: version.evaluation,
    training: {
      trainImages: version.trainImages,
      valImages: version.valImages,
      epochs: version.epochs,
      bestEpoch: version.bestEpoch,
      stoppedBy: version.stoppedBy,
      valMAP50: version.valMAP50,
      curves: version.curves,
      options: version.options,
    },
  }
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, HEAD_FILE), encodeHead(head))
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  return [MANIFEST_FILE, HEAD_FILE]
}

/** Reads a folder writeDetectorFolder wrote; anything else is refused ('bad_request') with what is wrong with it. */
export async function readDetectorFolder(dir: string): Promise<{ manifest: DetectorManifest; head: DetectionHead }> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => {
    throw new ApiError('bad_request', `${dir} is not an exported detector: it has no readable ${MANIFEST_FILE}.`)
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiError('bad_request', `${join(dir, MANIFEST_FILE)} is not JSON.`)
  }
  const parsed = Manifest.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ApiError('bad_request', `${join(dir, MANIFEST_FILE)} is not a Loupe detector's: ${issue.path.join('.') || 'the file'}: ${issue.message}.`)
  }
  const manifest = parsed.data
  const bytes = await readFile(join(dir, HEAD_FILE)).catch(() => {
    throw new ApiError('bad_request', `${dir} is not a complete exported detector: it has no readable ${HEAD_FILE}.`)
  })
  let head: DetectionHead
  try {
    head = decodeHead(bytes)
  } catch (error) {
    throw new ApiError('bad_request', `${join(dir, HEAD_FILE)}: ${(error as Error).message}.`)
  }
  const shape = manifest.shape
  const agrees =
    head.classes === manifest.classes.length &&
    (Object.keys(shape) as (keyof typeof shape)[]).every((key) => head[key] === shape[key])
  if (!agrees) throw new ApiError('bad_request', `${dir}: ${HEAD_FILE} does not match the shape and classes ${MANIFEST_FILE} gives.`)
  return { manifest, head }
}
