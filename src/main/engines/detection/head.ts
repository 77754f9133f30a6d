import type { Random } from '../learning/random'

/**
 * The box detector's head as plain data: a small network on the frozen backbone's stride-8 ("fine"), stride-16
 * ("coarse") and stride-32 ("global", averaged over the picture) feature maps that says, for every cell of the fine grid, how likely a box of each class is centred there
 * (a heat map, CenterNet-style), where in the cell the centre lies and how large the box is.
 *
 * Every weight multiplies one cell's channels (a 1×1 convolution), so training is matrix products and sums, which the
 * hand-written loop runs on any backend (wasm cannot differentiate a Conv2D). Context reaches a cell without a wider
 * kernel: part of the fine projection is averaged over the cell's 3×3 neighbourhood, the coarse map (each cell seeing
 * a wider area) is projected and spread over the 2×2 fine cells under it, and the stride-32 map's mean over the picture
 * (what the picture shows as a whole) is projected once and added everywhere. All of these are linear, so they are projected at their own resolution first
 * and only the small projected maps are pooled, spread and summed.
 *
 *   hidden = relu(fine·Wfine[own] + pool3×3(fine·Wfine[context]) + spread(coarse·Wcoarse) + global·Wglobal + b)
 *   out    = hidden·Wout + bout          (classes heat-map logits, then centre offset x, y and log size w, h)
 */

export interface DetectionHeadShape {
  classes: number
  hidden: number
  fineChannels: number
  coarseChannels: number
  globalChannels: number
  /** The fine (stride-8) map's grid; the coarse map's grid is half of it, rounded up. */
  gridHeight: number
  gridWidth: number
  /**
   * The backbone's input size the maps were computed at, which detection must use too. Absent from heads stored
   * before it was recorded: those were trained at the backbone's own input size.
   */
  inputHeight?: number
  inputWidth?: number
}

export interface DetectionHead extends DetectionHeadShape {
  /** fineChannels × 2·hidden: the first `hidden` columns are the cell's own, the rest are averaged over 3×3 cells. */
  fineKernel: Float32Array
  /** coarseChannels × hidden. */
  coarseKernel: Float32Array
  /** globalChannels × hidden. */
  globalKernel: Float32Array
  hiddenBias: Float32Array
  /** hidden × outputs. */
  outKernel: Float32Array
  outBias: Float32Array
}

/** What the head gives per cell: a logit per class, then the centre's offset in the cell (x, y) and log(width, height) in cells. */
export function outputCount(shape: Pick<DetectionHeadShape, 'classes'>): number {
  return shape.classes + 4
}

export function coarseGrid(shape: Pick<DetectionHeadShape, 'gridHeight' | 'gridWidth'>): { height: number; width: number } {
  return { height: Math.ceil(shape.gridHeight / 2), width: Math.ceil(shape.gridWidth / 2) }
}

/** The tensors of a head in a fixed order: the order they are stored in and updated by Adam. */
export const HEAD_TENSORS = ['fineKernel', 'coarseKernel', 'globalKernel', 'hiddenBias', 'outKernel', 'outBias'] as const
export type HeadTensor = (typeof HEAD_TENSORS)[number]

export function tensorLength(shape: DetectionHeadShape, tensor: HeadTensor): number {
  const outputs = outputCount(shape)
  switch (tensor) {
    case 'fineKernel': return shape.fineChannels * 2 * shape.hidden
    case 'coarseKernel': return shape.coarseChannels * shape.hidden
    case 'globalKernel': return shape.globalChannels * shape.hidden
    case 'hiddenBias': return shape.hidden
    case 'outKernel': return shape.hidden * outputs
    case 'outBias': return outputs
  }
}

/**
 * Glorot-uniform kernels; the heat-map biases start at log(0.01 / 0.99), so every cell begins by saying "no box"
 * with probability 0.99 (the focal-loss prior): otherwise the many empty cells swamp the first updates.
 */
export function initialHead(shape: DetectionHeadShape, random: Random): DetectionHead {
  const glorot = (fanIn: number, fanOut: number): Float32Array => {
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    return Float32Array.from({ length: fanIn * fanOut }, () => (random.next() * 2 - 1) * limit)
  }
  const outputs = outputCount(shape)
  const outBias = new Float32Array(outputs)
  outBias.fill(Math.log(0.01 / 0.99), 0, shape.classes)
  return {
    ...shape,
    fineKernel: glorot(shape.fineChannels, 2 * shape.hidden),
    coarseKernel: glorot(shape.coarseChannels, shape.hidden),
    globalKernel: glorot(shape.globalChannels, shape.hidden),
    hiddenBias: new Float32Array(shape.hidden),
    outKernel: glorot(shape.hidden, outputs),
    outBias,
  }
}

export function cloneHead(head: DetectionHead): DetectionHead {
  const copy = { ...head }
  for (const tensor of HEAD_TENSORS) copy[tensor] = head[tensor].slice()
  return copy
}

const MAGIC = 'loupe-detection-head-2'

/** The head as bytes: a length-prefixed JSON header with its shape, then every tensor as little-endian float32. */
export function encodeHead(head: DetectionHead): Uint8Array {
  const shape: DetectionHeadShape = {
    classes: head.classes,
    hidden: head.hidden,
    fineChannels: head.fineChannels,
    coarseChannels: head.coarseChannels,
    globalChannels: head.globalChannels,
    gridHeight: head.gridHeight,
    gridWidth: head.gridWidth,
    ...(head.inputHeight && head.inputWidth && { inputHeight: head.inputHeight, inputWidth: head.inputWidth }),
  }
  const header = new TextEncoder().encode(JSON.stringify({ magic: MAGIC, shape }))
  const floats = HEAD_TENSORS.reduce((sum, tensor) => sum + tensorLength(shape, tensor), 0)
  const bytes = new Uint8Array(4 + header.length + floats * 4)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, header.length, true)
  bytes.set(header, 4)
  let offset = 4 + header.length
  for (const tensor of HEAD_TENSORS) {
    for (const value of head[tensor]) {
      view.setFloat32(offset, value, true)
      offset += 4
    }
  }
  return bytes
}

/** Reads encodeHead's bytes back; a blob that is not one, or of the wrong length, is refused with the reason. */
export function decodeHead(bytes: Uint8Array): DetectionHead {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 4) throw new Error('not a Loupe detection head: too short')
  const headerLength = view.getUint32(0, true)
  let header: { magic?: unknown; shape?: DetectionHeadShape }
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as typeof header
  } catch {
    throw new Error('not a Loupe detection head: its header is not JSON')
  }
  if (header.magic !== MAGIC || !header.shape) throw new Error('not a Loupe detection head')
  const shape = header.shape
  let offset = 4 + headerLength
  const expected = offset + HEAD_TENSORS.reduce((sum, tensor) => sum + tensorLength(shape, tensor), 0) * 4
  if (expected !== bytes.byteLength) throw new Error(`detection head has ${bytes.byteLength} bytes, its shape needs ${expected}`)
  const head = { ...shape } as DetectionHead
  for (const tensor of HEAD_TENSORS) {
    const values = new Float32Array(tensorLength(shape, tensor))
    for (let i = 0; i < values.length; i++, offset += 4) values[i] = view.getFloat32(offset, true)
    head[tensor] = values
  }
  return head
}
