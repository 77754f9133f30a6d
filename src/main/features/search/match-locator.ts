import type { Region, SearchHit } from '../../../shared/api/schemas'
import { bestWindow, displayedSize, pooledRegion, type ImageInput, type UnitBox } from '../../engines/ml'
import type { Embedder } from '../models'

/** Hits of a region search that are told where the region is in them: the first of them, as the results show them. */
export const LOCATED_HITS = 50

/** The image a region search asked about, as the embedder reads it. */
export interface RegionQuery {
  input: ImageInput
  frame: number
  region: Region
}

/**
 * The first LOCATED_HITS hits with `match`: the box in each most like the query's region, by the feature maps of the
 * query image and of the hit's picture, as `pictureOf` gives it (see engines/ml/match-location). A hit whose picture
 * cannot be read now keeps no match.
 */
export async function locateMatches(
  embedder: Embedder,
  query: RegionQuery,
  hits: SearchHit[],
  pictureOf: (hit: SearchHit) => Promise<{ input: ImageInput; frame: number }>,
): Promise<SearchHit[]> {
  const located = hits.slice(0, LOCATED_HITS)
  const size = await displayedSize(query.input, query.frame)
  const [queryMap, ...hitMaps] = await embedder.locationMaps([
    { input: query.input, frame: query.frame },
    ...(await Promise.all(located.map(pictureOf))),
  ])
  if (!queryMap) return hits
  const wanted = pooledRegion(queryMap, unitBox(query.region, size))
  return hits.map((hit, index) => {
    const map = hitMaps[index]
    if (!map) return hit
    // The region may appear at its own size in pixels, or at its share of the picture: windows around both are tried.
    const sizes = [
      { width: query.region.width / hit.width, height: query.region.height / hit.height },
      { width: query.region.width / size.width, height: query.region.height / size.height },
    ]
    const { box, score } = bestWindow(map, wanted, sizes)
    return { ...hit, match: { region: pixelRegion(box, hit), score } }
  })
}

function unitBox(region: Region, size: { width: number; height: number }): UnitBox {
  const x = clamp01(region.x / size.width)
  const y = clamp01(region.y / size.height)
  return { x, y, width: clamp01((region.x + region.width) / size.width) - x, height: clamp01((region.y + region.height) / size.height) - y }
}

function pixelRegion(box: UnitBox, image: { width: number; height: number }): Region {
  const x = Math.round(box.x * image.width)
  const y = Math.round(box.y * image.height)
  return {
    x,
    y,
    width: Math.max(1, Math.round((box.x + box.width) * image.width) - x),
    height: Math.max(1, Math.round((box.y + box.height) * image.height) - y),
  }
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value))
