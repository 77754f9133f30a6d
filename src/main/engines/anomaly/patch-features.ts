import type { FeatureMap } from '../ml'

/**
 * PatchCore's locally aware patch features from two backbone maps of a batch: each map's channels are averaged down to
 * `channelsPerLayer` groups (the paper's adaptive average pooling over channels, which keeps the bank small), every
 * position becomes the mean of its 3×3 neighbourhood (so a patch describes a little context, not one receptive field),
 * and the coarser map is upsampled bilinearly onto the finer grid and appended.
 */

/** n images × height × width patches of `dimension` floats, row-major, one row per patch. */
export interface PatchGrid {
  images: number
  height: number
  width: number
  dimension: number
  data: Float32Array
}

export function patchFeatures(fine: FeatureMap, coarse: FeatureMap, images: number, channelsPerLayer: number): PatchGrid {
  const fineGroups = Math.min(channelsPerLayer, fine.channels)
  const coarseGroups = Math.min(channelsPerLayer, coarse.channels)
  const finePatches = localAverage(poolChannels(fine, images, fineGroups), images, fine.height, fine.width, fineGroups)
  const coarsePatches = upsample(
    localAverage(poolChannels(coarse, images, coarseGroups), images, coarse.height, coarse.width, coarseGroups),
    images,
    { height: coarse.height, width: coarse.width },
    { height: fine.height, width: fine.width },
    coarseGroups,
  )
  const dimension = fineGroups + coarseGroups
  const positions = images * fine.height * fine.width
  const data = new Float32Array(positions * dimension)
  for (let position = 0; position < positions; position++) {
    data.set(finePatches.subarray(position * fineGroups, (position + 1) * fineGroups), position * dimension)
    data.set(coarsePatches.subarray(position * coarseGroups, (position + 1) * coarseGroups), position * dimension + fineGroups)
  }
  return { images, height: fine.height, width: fine.width, dimension, data }
}

/** Channels averaged in `groups` contiguous runs of (nearly) equal length. */
function poolChannels(map: FeatureMap, images: number, groups: number): Float32Array {
  const positions = images * map.height * map.width
  const out = new Float32Array(positions * groups)
  const starts = Array.from({ length: groups + 1 }, (_, group) => Math.floor((group * map.channels) / groups))
  for (let position = 0; position < positions; position++) {
    const source = position * map.channels
    for (let group = 0; group < groups; group++) {
      const start = starts[group]!
      const end = starts[group + 1]!
      let sum = 0
      for (let channel = start; channel < end; channel++) sum += map.data[source + channel]!
      out[position * groups + group] = sum / (end - start)
    }
  }
  return out
}

/** The mean over each position's 3×3 neighbourhood, of the neighbours inside the map (edges are not darkened by padding). */
function localAverage(data: Float32Array, images: number, height: number, width: number, channels: number): Float32Array {
  const out = new Float32Array(data.length)
  for (let image = 0; image < images; image++) {
    const base = image * height * width
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const target = (base + y * width + x) * channels
        let count = 0
        for (let dy = Math.max(0, y - 1); dy <= Math.min(height - 1, y + 1); dy++) {
          for (let dx = Math.max(0, x - 1); dx <= Math.min(width - 1, x + 1); dx++) {
            const source = (base + dy * width + dx) * channels
            for (let channel = 0; channel < channels; channel++) out[target + channel]! += data[source + channel]!
            count++
          }
        }
        for (let channel = 0; channel < channels; channel++) out[target + channel]! /= count
      }
    }
  }
  return out
}

interface Size {
  height: number
  width: number
}

/** Bilinear resampling of n maps of `channels`, pixel centres aligned (as image resizing does). */
function upsample(data: Float32Array, images: number, from: Size, to: Size, channels: number): Float32Array {
  const out = new Float32Array(images * to.height * to.width * channels)
  const ys = samplePoints(from.height, to.height)
  const xs = samplePoints(from.width, to.width)
  for (let image = 0; image < images; image++) {
    const base = image * from.height * from.width
    for (let y = 0; y < to.height; y++) {
      const { low: y0, high: y1, weight: wy } = ys[y]!
      for (let x = 0; x < to.width; x++) {
        const { low: x0, high: x1, weight: wx } = xs[x]!
        const target = ((image * to.height + y) * to.width + x) * channels
        const a = (base + y0 * from.width + x0) * channels
        const b = (base + y0 * from.width + x1) * channels
        const c = (base + y1 * from.width + x0) * channels
        const d = (base + y1 * from.width + x1) * channels
        for (let channel = 0; channel < channels; channel++) {
          const top = data[a + channel]! * (1 - wx) + data[b + channel]! * wx
          const bottom = data[c + channel]! * (1 - wx) + data[d + channel]! * wx
          out[target + channel] = top * (1 - wy) + bottom * wy
        }
      }
    }
  }
  return out
}

/** For each output index, the two source indices around its centre and the weight of the second. */
export function samplePoints(from: number, to: number): Array<{ low: number; high: number; weight: number }> {
  return Array.from({ length: to }, (_, index) => {
    const position = Math.min(Math.max(((index + 0.5) * from) / to - 0.5, 0), from - 1)
    const low = Math.floor(position)
    return { low, high: Math.min(low + 1, from - 1), weight: position - low }
  })
}

