import { DEFAULT_SAMPLE_SIZE, layOutInWorker, placeInWorker, type MapWorkOptions } from '../../engines/map'
import { ApiError } from '../../../shared/api/errors'
import type { MapColourBy, MapColours, MapComputeResult, MapPoints, MapStatus } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { MapColourReader } from './map-colours'
import type { MapStore, MapVectors } from './map-store'

export const DEFAULT_MAP_SEED = 1

/** The active model's embedding map: its status and points, laying it out and placing new images; emits 'map.changed'. */
export class MapService {
  constructor(
    readonly store: MapStore,
    private readonly colourReader: MapColourReader,
    private readonly activeModel: () => string,
    private readonly events: EventBus,
    /** Above this many images, UMAP lays out a sample and transforms the rest (the bench sets it). */
    private readonly sampleSize = DEFAULT_SAMPLE_SIZE,
  ) {}

  status(): MapStatus {
    const modelId = this.activeModel()
    const layout = this.store.layout(modelId)
    return { modelId, laidOut: layout !== undefined, ...this.store.counts(modelId), computedAt: layout?.computedAt ?? null }
  }

  points(withPaths: boolean): MapPoints {
    const modelId = this.activeModel()
    return { modelId, ...this.store.points(modelId, withPaths) }
  }

  /** One attribute of every point, in the order of points(): what the map view colours them by. */
  colours(by: MapColourBy): MapColours {
    const modelId = this.activeModel()
    return { modelId, ...this.colourReader.read(modelId, by) }
  }

  /** Refuses a map of nothing before a job starts: there must be images indexed with the active model. */
  requireEmbeddings(): string {
    const modelId = this.activeModel()
    const { points, unplaced, unindexed } = this.store.counts(modelId)
    if (points + unplaced > 0) return modelId
    const how = unindexed > 0 ? `index the ${unindexed} images first ("loupe index", or Index in the search pane)` : 'import images and index them first'
    throw new ApiError('bad_request', `No image has an embedding of ${modelId} yet, so there is nothing to map: ${how}.`)
  }

  /**
   * Brings the model's map up to date: a full UMAP layout when there is none or `fresh` asks for one, else the images
   * indexed since placed among the layout's anchors, leaving every other point where it was.
   */
  async update(modelId: string, request: { fresh: boolean; seed: number }, options: MapWorkOptions): Promise<MapComputeResult> {
    const layout = this.store.layout(modelId)
    if (!layout || request.fresh) {
      const vectors = this.store.allVectors(modelId)
      if (vectors.imageIds.length === 0) throw new ApiError('bad_request', `No image has an embedding of ${modelId} yet: index the images first.`)
      const { imageIds, contentHashes } = vectors
      const { coords, anchors } = await layOutInWorker(vectors, { seed: request.seed, sampleSize: this.sampleSize }, options)
      this.store.replaceLayout(modelId, request.seed, pointsOf({ imageIds, contentHashes }, coords, (i) => anchors[i] === 1))
      this.events.emit('map.changed', { modelId })
      return { modelId, mode: 'layout', points: imageIds.length, placed: imageIds.length }
    }
    const added = this.store.unplacedVectors(modelId)
    if (added.imageIds.length === 0) return { modelId, mode: 'current', points: this.store.counts(modelId).points, placed: 0 }
    const { imageIds, contentHashes } = added
    const coords = await placeInWorker(this.store.anchors(modelId), added, options)
    options.onProgress?.(1)
    this.store.addPoints(modelId, pointsOf({ imageIds, contentHashes }, coords, () => false))
    this.events.emit('map.changed', { modelId })
    return { modelId, mode: 'placed', points: this.store.counts(modelId).points, placed: imageIds.length }
  }
}

function pointsOf(images: Pick<MapVectors, 'imageIds' | 'contentHashes'>, coords: Float32Array, isAnchor: (index: number) => boolean) {
  return Array.from(images.imageIds, (imageId, i) => ({
    imageId,
    contentHash: images.contentHashes[i]!,
    x: coords[i * 2]!,
    y: coords[i * 2 + 1]!,
    anchor: isAnchor(i),
  }))
}
