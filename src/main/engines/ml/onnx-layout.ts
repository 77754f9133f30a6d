import type { Layout } from './onnx-binding'

/**
 * Moving pixels and features between Loupe's NHWC batches and an ONNX graph's own axis order. Plain loops: a batch of
 * 224×224 images is a few hundred thousand values a picture, small beside the model's own work.
 */

/**
 * `count` images from `batch` (NHWC, n × height × width × 3) starting at image `first`, in `layout`, padded with zero
 * images up to `size` images (for a graph whose batch size is fixed).
 */
export function imageBlock(batch: Float32Array, first: number, count: number, size: number, height: number, width: number, layout: Layout): Float32Array {
  const pixels = height * width
  const from = batch.subarray(first * pixels * 3, (first + count) * pixels * 3)
  const out = new Float32Array(size * pixels * 3)
  if (layout === 'nhwc') {
    out.set(from)
    return out
  }
  for (let image = 0; image < count; image++) {
    const base = image * pixels * 3
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < 3; c++) out[base + c * pixels + p] = from[base + p * 3 + c] as number
    }
  }
  return out
}

/**
 * The first `count` rows of an output: each image's values flattened (`pooling` 'none'), or a 4-d feature map averaged
 * over its height and width, read in `layout` ('avg'). Returns count × (values per image).
 */
export function embeddingRows(values: Float32Array, dims: readonly number[], count: number, pooling: 'none' | 'avg', layout: Layout): Float32Array {
  if (pooling === 'none') {
    const perImage = dims.slice(1).reduce((product, size) => product * size, 1)
    return values.slice(0, count * perImage)
  }
  if (dims.length !== 4) throw new RangeError(`average pooling needs a 4-d feature map, the output is [${dims.join(', ')}]`)
  const [, a, b, c] = dims as [number, number, number, number]
  const [channels, positions] = layout === 'nhwc' ? [c, a * b] : [a, b * c]
  const out = new Float32Array(count * channels)
  for (let image = 0; image < count; image++) {
    const base = image * channels * positions
    for (let p = 0; p < positions; p++) {
      for (let k = 0; k < channels; k++) {
        const at = layout === 'nhwc' ? base + p * channels + k : base + k * positions + p
        out[image * channels + k] = (out[image * channels + k] as number) + (values[at] as number)
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / positions
  return out
}
