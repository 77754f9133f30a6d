import type { Random } from '../learning/random'
import type { Products } from '../learning/trainer'
import { transpose } from '../learning/trainer'
import { coarseGrid, HEAD_TENSORS, outputCount, type DetectionHead, type DetectionHeadShape } from './head'

/**
 * The head's forward and backward passes over a batch of pictures, written out on Float32Arrays (see head.ts for the
 * network). The large products — every fine cell's channels and every coarse cell's channels against their kernels,
 * and the same maps against the upstream gradient for the kernels' gradients — go through `products` (TensorFlow.js
 * wasm in the worker); the rest is a few dozen numbers per cell and stays in JavaScript.
 */

/** n pictures' maps, rows stacked: fine is n·cells × fineChannels, coarse n·coarseCells × coarseChannels, global n × globalChannels. */
export interface HeadBatch {
  n: number
  fine: Float32Array
  coarse: Float32Array
  global: Float32Array
}

export interface HeadPass {
  /** n·cells × hidden, after ReLU (and dropout, while training). */
  hidden: Float32Array
  /** What a kept unit was multiplied by after dropout (1 without). */
  keptScale: number
  /** n·cells × outputs: class logits, then offset x, y and log width, height. */
  out: Float32Array
}

/**
 * `dropout` (training only): each hidden unit of each cell is dropped with `rate`, the others scaled by 1 / (1 − rate)
 * so that the expected sum is unchanged (inverted dropout).
 */
export function headForward(head: DetectionHead, batch: HeadBatch, products: Products, dropout?: { rate: number; random: Random }): HeadPass {
  const { hidden: units } = head
  const cells = head.gridHeight * head.gridWidth
  const coarse = coarseGrid(head)
  const coarseCells = coarse.height * coarse.width
  const rows = batch.n * cells
  const projected = products.product(batch.fine, rows, head.fineChannels, head.fineKernel, 2 * units)
  const spread = products.product(batch.coarse, batch.n * coarseCells, head.coarseChannels, head.coarseKernel, units)
  const global = products.product(batch.global, batch.n, head.globalChannels, head.globalKernel, units)
  const hidden = new Float32Array(rows * units)
  const keptScale = dropout ? 1 / (1 - dropout.rate) : 1
  for (let picture = 0; picture < batch.n; picture++) {
    const context = neighbourhoodMean(projected, picture * cells, head, units, 2 * units, units)
    for (let row = 0; row < head.gridHeight; row++) {
      for (let column = 0; column < head.gridWidth; column++) {
        const cell = row * head.gridWidth + column
        const r = picture * cells + cell
        const parent = picture * coarseCells + (row >> 1) * coarse.width + (column >> 1)
        for (let unit = 0; unit < units; unit++) {
          const value =
            projected[r * 2 * units + unit]! +
            context[cell * units + unit]! +
            spread[parent * units + unit]! +
            global[picture * units + unit]! +
            head.hiddenBias[unit]!
          hidden[r * units + unit] = value > 0 ? value : 0
        }
        if (dropout) {
          for (let unit = 0; unit < units; unit++) {
            hidden[r * units + unit] = dropout.random.next() < dropout.rate ? 0 : hidden[r * units + unit]! * keptScale
          }
        }
      }
    }
  }
  const outputs = outputCount(head)
  const out = new Float32Array(rows * outputs)
  for (let r = 0; r < rows; r++) {
    out.set(head.outBias, r * outputs)
    for (let unit = 0; unit < units; unit++) {
      const value = hidden[r * units + unit]!
      if (value === 0) continue
      const kernelRow = unit * outputs
      for (let o = 0; o < outputs; o++) out[r * outputs + o]! += value * head.outKernel[kernelRow + o]!
    }
  }
  return { hidden, keptScale, out }
}

/** The loss's gradient for every tensor of the head, in HEAD_TENSORS order, given its gradient at the outputs. */
export function headBackward(head: DetectionHead, batch: HeadBatch, pass: HeadPass, outGradient: Float32Array, products: Products): Float32Array[] {
  const { hidden: units } = head
  const outputs = outputCount(head)
  const cells = head.gridHeight * head.gridWidth
  const coarse = coarseGrid(head)
  const coarseCells = coarse.height * coarse.width
  const rows = batch.n * cells

  const outKernel = new Float32Array(units * outputs)
  const outBias = new Float32Array(outputs)
  const hiddenGradient = new Float32Array(rows * units)
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outputs; o++) outBias[o]! += outGradient[r * outputs + o]!
    for (let unit = 0; unit < units; unit++) {
      const value = pass.hidden[r * units + unit]!
      if (value === 0) continue // ReLU (or dropout): no gradient flows back through an inactive unit either
      let sum = 0
      for (let o = 0; o < outputs; o++) {
        const gradient = outGradient[r * outputs + o]!
        outKernel[unit * outputs + o]! += value * gradient
        sum += gradient * head.outKernel[unit * outputs + o]!
      }
      hiddenGradient[r * units + unit] = sum * pass.keptScale
    }
  }

  const hiddenBias = new Float32Array(units)
  const projectedGradient = new Float32Array(rows * 2 * units)
  const spreadGradient = new Float32Array(batch.n * coarseCells * units)
  const globalGradient = new Float32Array(batch.n * units)
  for (let picture = 0; picture < batch.n; picture++) {
    const context = neighbourhoodMeanAdjoint(hiddenGradient, picture * cells, head, units)
    for (let row = 0; row < head.gridHeight; row++) {
      for (let column = 0; column < head.gridWidth; column++) {
        const cell = row * head.gridWidth + column
        const r = picture * cells + cell
        const parent = picture * coarseCells + (row >> 1) * coarse.width + (column >> 1)
        for (let unit = 0; unit < units; unit++) {
          const gradient = hiddenGradient[r * units + unit]!
          projectedGradient[r * 2 * units + unit] = gradient
          projectedGradient[r * 2 * units + units + unit] = context[cell * units + unit]!
          spreadGradient[parent * units + unit]! += gradient
          globalGradient[picture * units + unit]! += gradient
          hiddenBias[unit]! += gradient
        }
      }
    }
  }
  // Xᵀ · dZ with the maps transposed here rather than passed transposed (see trainer.ts on wasm's matMul).
  const fineKernel = products.product(transpose(batch.fine, rows, head.fineChannels), head.fineChannels, rows, projectedGradient, 2 * units)
  const coarseKernel = products.product(transpose(batch.coarse, batch.n * coarseCells, head.coarseChannels), head.coarseChannels, batch.n * coarseCells, spreadGradient, units)
  const globalKernel = products.product(transpose(batch.global, batch.n, head.globalChannels), head.globalChannels, batch.n, globalGradient, units)
  const gradients: Record<(typeof HEAD_TENSORS)[number], Float32Array> = { fineKernel, coarseKernel, globalKernel, hiddenBias, outKernel, outBias }
  return HEAD_TENSORS.map((tensor) => gradients[tensor])
}

/**
 * For one picture (rows from `firstRow`), each cell's mean over its 3×3 neighbourhood (fewer at the border) of the
 * `units` columns starting at `column` of `values` (rows of `stride` numbers): cells × units.
 */
function neighbourhoodMean(values: Float32Array, firstRow: number, shape: DetectionHeadShape, units: number, stride: number, column: number): Float32Array {
  const { gridHeight: height, gridWidth: width } = shape
  const out = new Float32Array(height * width * units)
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const target = (row * width + col) * units
      let count = 0
      for (let dy = -1; dy <= 1; dy++) {
        const y = row + dy
        if (y < 0 || y >= height) continue
        for (let dx = -1; dx <= 1; dx++) {
          const x = col + dx
          if (x < 0 || x >= width) continue
          count++
          const source = (firstRow + y * width + x) * stride + column
          for (let unit = 0; unit < units; unit++) out[target + unit]! += values[source + unit]!
        }
      }
      for (let unit = 0; unit < units; unit++) out[target + unit]! /= count
    }
  }
  return out
}

/**
 * neighbourhoodMean's adjoint for one picture's gradient (cells × units, rows from `firstRow`): each cell receives, from
 * every neighbour whose mean it was part of, that neighbour's gradient divided by the neighbour's count.
 */
function neighbourhoodMeanAdjoint(gradient: Float32Array, firstRow: number, shape: DetectionHeadShape, units: number): Float32Array {
  const { gridHeight: height, gridWidth: width } = shape
  const scaled = new Float32Array(height * width * units)
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const count = (Math.min(row + 1, height - 1) - Math.max(row - 1, 0) + 1) * (Math.min(col + 1, width - 1) - Math.max(col - 1, 0) + 1)
      const cell = row * width + col
      for (let unit = 0; unit < units; unit++) scaled[cell * units + unit] = gradient[(firstRow + cell) * units + unit]! / count
    }
  }
  // The 3×3 neighbourhood is symmetric, so summing the scaled gradients over it is the adjoint.
  const out = new Float32Array(height * width * units)
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const target = (row * width + col) * units
      for (let dy = -1; dy <= 1; dy++) {
        const y = row + dy
        if (y < 0 || y >= height) continue
        for (let dx = -1; dx <= 1; dx++) {
          const x = col + dx
          if (x < 0 || x >= width) continue
          const source = (y * width + x) * units
          for (let unit = 0; unit < units; unit++) out[target + unit]! += scaled[source + unit]!
        }
      }
    }
  }
  return out
}
