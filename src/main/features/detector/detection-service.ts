import { ApiError } from '../../../shared/api/errors'
import type { BoxSuggestion, DetectedBox, DetectedImage, DetectRequest } from '../../../shared/api/schemas'
import type { DetectedBox as NormalisedDetection } from '../../engines/detection/boxes'
import { detectionViews } from '../../engines/detection/features'
import type { DetectionHead } from '../../engines/detection/head'
import { displayedSize } from '../../engines/ml/preprocess'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'
import type { CatalogService } from '../catalog'
import type { Embedder } from '../models'
import type { DetectorStore } from './detector-store'
import type { DetectorWorker } from './detector-worker'

/** Pictures per pass through the backbone and the head: 16 pictures' two maps are about 18 MB (MobileNetV1). */
export const DETECT_BATCH = 16

/** The training feature's box-suggestion table, which the canvas's accept/reject flow reads. */
export interface SuggestionTable {
  replaceSuggestions(imageId: number, detector: string, boxes: DetectedBox[]): void
  suggestions(imageId: number, includeDecided: boolean, minScore: number): BoxSuggestion[]
}

/** A picture to run a detector on: a catalogue image, or a file from outside (imageId null). */
export interface DetectTarget {
  path: string
  imageId: number | null
  contentHash: string | null
  width: number
  height: number
}

export interface LoadedDetector {
  id: number
  name: string
  backbone: string
  classes: string[]
  scoreThreshold: number
  head: DetectionHead
}

/**
 * Runs a detector version on pictures now: the backbone's maps in the inference worker, the head and NMS in the
 * detection worker, the boxes turned back into each picture's own pixels (top-left origin, as displayed).
 */
export class DetectionService {
  constructor(
    private readonly db: Db,
    private readonly store: DetectorStore,
    private readonly catalog: CatalogService,
    private readonly embedder: Embedder,
    private readonly worker: DetectorWorker,
    private readonly suggestionTable: SuggestionTable,
    private readonly events: EventBus,
    /** Hears the detection worker's backend once it is running, for the status. */
    private readonly noteBackend: (label: string) => void,
  ) {}

  /** The version asked for, else the active one; refused with what to do when there is none. */
  load(versionId?: number): LoadedDetector {
    const id = versionId ?? this.store.activeId()
    if (id === null) {
      throw new ApiError('conflict', 'There is no active detector: train one (loupe detector train) or choose one (loupe detector use ID).')
    }
    const summary = this.store.summary(id)
    return { id, name: summary.name, backbone: summary.backbone, classes: summary.classes, scoreThreshold: summary.scoreThreshold, head: this.store.head(id) }
  }

  async detect(request: DetectRequest, signal?: AbortSignal): Promise<DetectedImage[]> {
    const detector = this.load(request.versionId)
    const targets = await this.targets(request)
    const threshold = request.threshold ?? detector.scoreThreshold
    const found: DetectedImage[] = []
    for (let start = 0; start < targets.length; start += DETECT_BATCH) {
      const batch = targets.slice(start, start + DETECT_BATCH)
      const boxes = await this.run(detector, batch, threshold, signal)
      batch.forEach((target, index) => {
        found.push({ path: target.path, imageId: target.imageId, width: target.width, height: target.height, boxes: boxes[index]! })
      })
    }
    return found
  }

  /** The active version's boxes on one image, replacing its pending suggestions (accepted and rejected ones stay). */
  async suggest(imageId: number, threshold?: number): Promise<BoxSuggestion[]> {
    const detector = this.load()
    const [target] = await this.targets({ imageIds: [imageId] })
    const [boxes] = await this.run(detector, [target!], threshold ?? detector.scoreThreshold)
    this.suggestionTable.replaceSuggestions(imageId, detector.name, boxes!)
    // The suggestions live in the training feature's table, whose event the canvas listens to.
    this.events.emit('training.changed', { reason: 'suggestions' })
    return this.suggestionTable.suggestions(imageId, false, 0)
  }

  /**
   * Boxes on each target scoring at least `threshold`, best first, in the target's pixels. A picture that cannot be
   * read refuses the whole call, naming it.
   */
  async run(detector: LoadedDetector, targets: DetectTarget[], threshold: number, signal?: AbortSignal): Promise<DetectedBox[][]> {
    if (targets.length === 0) return []
    const { head } = detector
    // At the size the head was trained at; heads from before that was recorded were trained at the backbone's own.
    const { engine } = await this.embedder.start(detector.backbone, head.inputWidth && head.inputHeight ? { width: head.inputWidth, height: head.inputHeight } : undefined)
    let maps: Awaited<ReturnType<typeof detectionViews>>
    try {
      maps = await detectionViews(engine, targets.map((target) => target.path), signal)
    } catch (error) {
      if (signal?.aborted) throw error
      if (targets.length > 1) return this.oneByOne(detector, targets, threshold, signal)
      throw new ApiError('bad_request', `${targets[0]!.path} could not be read for the detector: ${(error as Error).message}`)
    }
    const { shape } = maps
    const fits = (['gridHeight', 'gridWidth', 'fineChannels', 'coarseChannels', 'globalChannels'] as const).every((key) => shape[key] === head[key])
    if (!fits) {
      throw new ApiError('conflict', `${detector.name} was made for feature maps of another shape than ${detector.backbone} gives now.`)
    }
    const worker = await this.worker.start()
    this.noteBackend(worker.backend.label)
    const found = await worker.detect(head, maps.views, threshold)
    return found.map((boxes, index) => boxes.map((box) => inPixels(box, detector.classes, targets[index]!)))
  }

  /** A batch with an unreadable picture is run again a picture at a time, so the error names the file. */
  private async oneByOne(detector: LoadedDetector, targets: DetectTarget[], threshold: number, signal?: AbortSignal): Promise<DetectedBox[][]> {
    const found: DetectedBox[][] = []
    for (const target of targets) found.push(...(await this.run(detector, [target], threshold, signal)))
    return found
  }

  /** Paths first (catalogue files as their images, others read for their size only), then image ids; neither: all. */
  async targets(request: Pick<DetectRequest, 'paths' | 'imageIds'>): Promise<DetectTarget[]> {
    const targets: DetectTarget[] = []
    for (const path of request.paths ?? []) {
      const owner = this.catalog.pathOwner(path)
      if (owner !== undefined) {
        targets.push(this.catalogueTarget(owner))
        continue
      }
      const size = await displayedSize(path).catch((error: unknown) => {
        throw new ApiError('bad_request', `${path} is not a readable image: ${error instanceof Error ? error.message : String(error)}`)
      })
      targets.push({ path, imageId: null, contentHash: null, ...size })
    }
    const ids = request.imageIds ?? (request.paths ? [] : this.presentImageIds())
    for (const id of ids) targets.push(this.catalogueTarget(id))
    return targets
  }

  /** Every image whose file is there, in id order; DICOM frames are left out (the backbone reads ordinary pictures). */
  presentImageIds(): number[] {
    const rows = this.db.prepare(`SELECT id FROM images WHERE missing = 0 AND format <> 'dicom' ORDER BY id`).all() as { id: number }[]
    return rows.map((row) => row.id)
  }

  private catalogueTarget(imageId: number): DetectTarget {
    const image = this.catalog.getImage(imageId)
    return { path: image.path, imageId, contentHash: image.contentHash, width: image.width, height: image.height }
  }
}

/** A normalised detection in a picture's own pixels, kept inside the picture. */
function inPixels(box: NormalisedDetection, classes: readonly string[], picture: { width: number; height: number }): DetectedBox {
  const left = Math.max(0, box.x) * picture.width
  const top = Math.max(0, box.y) * picture.height
  const right = Math.min(1, box.x + box.width) * picture.width
  const bottom = Math.min(1, box.y + box.height) * picture.height
  return { label: classes[box.classIndex]!, score: box.score, x: left, y: top, width: right - left, height: bottom - top }
}
