import { cloneNetwork, denseJs, initialNetwork, reluInPlace, softmaxInPlace, type DenseLayer, type Network } from './network'
import { Adam } from './adam'
import { Random } from './random'

/**
 * Training the classifier head: mini-batch Adam on class-weighted softmax cross-entropy, dropout after the hidden
 * layer, early stopping on validation loss with patience, restoring the best weights.
 *
 * Forward, backward and Adam are written out by hand on Float32Arrays. The heavy products, those of the first layer
 * (embedding × units per row), go through a `Products` implementation: TensorFlow.js (wasm SIMD) in the worker, or
 * plain JavaScript. No operand is ever passed transposed, since the wasm backend's matMul with a transposed operand is
 * several times slower than a plain one: the forward pass is X · W and the kernel's gradient Xᵀ · dZ, with the batch
 * transposed in JavaScript (a tiled copy) instead. Both keep the small matrix on the right, which matters too: the
 * wasm backend hands the right operand to XNNPACK as "weights" and repacks it for every new tensor, so packing a
 * batch-sized dZ (batch × units) is much cheaper than packing the batch itself. Everything after the first layer
 * (a few hundred × a dozen numbers per row) stays in JavaScript.
 */

export interface Products {
  /** a (aRows × shared) · b (shared × bColumns), both row-major: a plain product, neither operand transposed. */
  product(a: Float32Array, aRows: number, shared: number, b: Float32Array, bColumns: number): Float32Array
}

export const jsProducts: Products = {
  product(a, aRows, shared, b, bColumns) {
    const out = new Float32Array(aRows * bColumns)
    for (let i = 0; i < aRows; i++) {
      const o = i * bColumns
      for (let k = 0; k < shared; k++) {
        const value = a[i * shared + k]!
        if (value === 0) continue
        const bo = k * bColumns
        for (let j = 0; j < bColumns; j++) out[o + j]! += value * b[bo + j]!
      }
    }
    return out
  },
}

export interface TrainConfig {
  /** Units of the hidden ReLU layer; 0 for a linear softmax classifier. */
  hiddenUnits: number
  maxEpochs: number
  /** Epochs without a better validation loss before stopping. */
  patience: number
  batchSize: number
  learningRate: number
  /** Dropout rate after the hidden layer while training. */
  dropout: number
  /** L2 penalty on kernels. */
  l2: number
  /** Smallest drop in validation loss that counts as better. */
  minDelta: number
  seed: number
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  hiddenUnits: 128,
  maxEpochs: 100,
  patience: 5,
  batchSize: 64,
  learningRate: 0.001,
  dropout: 0.2,
  l2: 0.0001,
  minDelta: 0.0001,
  seed: 42,
}

export interface TrainData {
  /** n × dimension, row-major (the embeddings of every sample, train and validation). */
  x: Float32Array
  dimension: number
  /** Class index of each row. */
  y: Int32Array
  train: Int32Array
  validation: Int32Array
  classCount: number
  /** Weight of each class in the loss (balanced: n / (classes × n_class), over the training rows). */
  classWeights: Float32Array
}

export interface EpochReport {
  epoch: number
  trainLoss: number
  trainAccuracy: number
  valLoss: number
  valAccuracy: number
  /** Seconds since training started. */
  elapsed: number
}

export type StopReason = 'early-stopping' | 'max-epochs' | 'cancelled'

export interface TrainOutcome {
  network: Network
  /** 1-based epoch whose weights were kept; 0 if cancelled before the first epoch ended (initial weights). */
  bestEpoch: number
  epochs: EpochReport[]
  stoppedBy: StopReason
  /** validation rows × classes, with the kept weights. */
  valProbabilities: Float32Array
  seconds: number
}

export interface TrainHooks {
  onEpoch?(report: EpochReport): void
  /** Polled between batches. */
  cancelled?(): boolean
}

export function balancedClassWeights(y: Int32Array, rows: Int32Array, classCount: number): Float32Array {
  const counts = new Float64Array(classCount)
  for (const row of rows) counts[y[row]!]! += 1
  const weights = new Float32Array(classCount)
  for (let c = 0; c < classCount; c++) weights[c] = counts[c]! > 0 ? rows.length / (classCount * counts[c]!) : 0
  return weights
}

export function train(data: TrainData, config: TrainConfig, products: Products, hooks: TrainHooks = {}): TrainOutcome {
  const started = performance.now()
  const random = new Random(config.seed)
  const { dimension, classCount } = data
  // Embedding components are small (an L2-normalised 1280-d vector has entries around 0.03), which makes the first
  // steps crawl. Training runs on scaled features; the scaling is folded into the first layer at the end, so the saved
  // network takes raw embeddings.
  const scaling = featureScaling(data.x, dimension, data.train)
  data = { ...data, x: standardise(data.x, dimension, scaling) }
  const network = initialNetwork(dimension, config.hiddenUnits, classCount, random)
  const adam = new Adam(network.layers.flatMap((layer) => [layer.kernel, layer.bias]))
  const decay = network.layers.flatMap(() => [config.l2, 0])
  const batchSize = Math.max(1, Math.min(config.batchSize, data.train.length))
  const order = data.train.slice()
  const validation = gatherRows(data.x, dimension, data.validation)
  const validationLabels = gatherLabels(data.y, data.validation)
  const epochs: EpochReport[] = []
  let best = { loss: Infinity, epoch: 0, network: cloneNetwork(network) }
  let stoppedBy: StopReason = 'max-epochs'

  training: for (let epoch = 1; epoch <= config.maxEpochs; epoch++) {
    random.shuffle(order)
    let lossSum = 0
    let weightSum = 0
    let correct = 0
    for (let start = 0; start < order.length; start += batchSize) {
      if (hooks.cancelled?.()) {
        stoppedBy = 'cancelled'
        break training
      }
      const batch = order.subarray(start, Math.min(order.length, start + batchSize))
      const step = trainStep(network, data, batch, config, random, products)
      lossSum += step.lossSum
      weightSum += step.weightSum
      correct += step.correct
      adam.apply(step.gradients, decay, config.learningRate)
    }
    const probabilities = predictProbabilities(network, validation, data.validation.length, products)
    const evaluated = lossAndAccuracy(probabilities, validationLabels, data.classWeights)
    const report: EpochReport = {
      epoch,
      trainLoss: weightSum > 0 ? lossSum / weightSum : 0,
      trainAccuracy: order.length > 0 ? correct / order.length : 0,
      valLoss: evaluated.loss,
      valAccuracy: evaluated.accuracy,
      elapsed: (performance.now() - started) / 1000,
    }
    epochs.push(report)
    hooks.onEpoch?.(report)
    if (report.valLoss < best.loss - config.minDelta) {
      best = { loss: report.valLoss, epoch, network: cloneNetwork(network) }
    } else if (epoch - best.epoch >= config.patience) {
      stoppedBy = 'early-stopping'
      break
    }
  }

  const valProbabilities = predictProbabilities(best.network, validation, data.validation.length, products)
  return { network: foldScaling(best.network, scaling), bestEpoch: best.epoch, epochs, stoppedBy, valProbabilities, seconds: (performance.now() - started) / 1000 }
}

interface Scaling {
  mean: Float32Array
  /** 1 / standard deviation (1 for a constant feature). */
  inverseDeviation: Float32Array
}

/**
 * One scale for every feature, making the mean squared entry 1 (an L2-normalised d-dimensional embedding is scaled by
 * about √d). Per-feature standardisation was tried too: it learns as fast but lifts near-constant, noisy features to the
 * same footing as informative ones and generalised worse.
 */
function featureScaling(x: Float32Array, dimension: number, rows: Int32Array): Scaling {
  let square = 0
  for (const row of rows) {
    const o = row * dimension
    for (let k = 0; k < dimension; k++) square += x[o + k]! * x[o + k]!
  }
  const rms = Math.sqrt(square / Math.max(1, rows.length * dimension))
  const scale = rms > 1e-12 ? 1 / rms : 1
  return { mean: new Float32Array(dimension), inverseDeviation: new Float32Array(dimension).fill(scale) }
}

function standardise(x: Float32Array, dimension: number, scaling: Scaling): Float32Array {
  const out = new Float32Array(x.length)
  for (let i = 0; i < x.length; i += dimension) {
    for (let k = 0; k < dimension; k++) out[i + k] = (x[i + k]! - scaling.mean[k]!) * scaling.inverseDeviation[k]!
  }
  return out
}

/** The first layer rewritten to take raw inputs: W'[k] = W[k] / σ_k, b' = b - Σ_k (μ_k / σ_k) W[k]. */
function foldScaling(network: Network, scaling: Scaling): Network {
  const [first, ...rest] = network.layers
  if (!first) return network
  const { inputs, units } = first
  const kernel = new Float32Array(first.kernel.length)
  const bias = Float64Array.from(first.bias)
  for (let k = 0; k < inputs; k++) {
    const inverse = scaling.inverseDeviation[k]!
    const shift = scaling.mean[k]! * inverse
    for (let j = 0; j < units; j++) {
      const w = first.kernel[k * units + j]!
      kernel[k * units + j] = w * inverse
      bias[j]! -= shift * w
    }
  }
  return { layers: [{ ...first, kernel, bias: Float32Array.from(bias) }, ...rest] }
}

/** rows × classes probabilities of the network for x (rows × inputs). */
export function predictProbabilities(network: Network, x: Float32Array, rows: number, products: Products): Float32Array {
  let activations = x
  network.layers.forEach((layer, index) => {
    const out =
      index === 0
        ? addBias(products.product(activations, rows, layer.inputs, layer.kernel, layer.units), rows, layer.bias)
        : denseJs(activations, rows, layer)
    activate(out, rows, layer)
    activations = out
  })
  return activations
}

function activate(values: Float32Array, rows: number, layer: Pick<DenseLayer, 'units' | 'activation'>): void {
  if (layer.activation === 'relu') reluInPlace(values)
  else softmaxInPlace(values, rows, layer.units)
}

interface StepResult {
  /** Kernel then bias of each layer, in layer order (the order the optimiser holds the parameters in). */
  gradients: Float32Array[]
  lossSum: number
  weightSum: number
  correct: number
}

function trainStep(network: Network, data: TrainData, batch: Int32Array, config: TrainConfig, random: Random, products: Products): StepResult {
  const rows = batch.length
  const { dimension } = data
  const layers = network.layers
  const xb = gatherRows(data.x, dimension, batch)
  const labels = gatherLabels(data.y, batch)
  const keep = 1 - config.dropout

  // Forward, keeping each layer's output. A ReLU layer's mask holds relu'(z) / keep where the unit is kept and 0 where
  // it is dropped; the backward pass multiplies by it.
  const outputs: Float32Array[] = []
  const masks: (Float32Array | null)[] = []
  let activations = xb
  layers.forEach((layer, index) => {
    activations =
      index === 0
        ? addBias(products.product(xb, rows, dimension, layer.kernel, layer.units), rows, layer.bias)
        : denseJs(activations, rows, layer)
    if (layer.activation === 'relu') {
      const mask = new Float32Array(activations.length)
      for (let i = 0; i < activations.length; i++) {
        const kept = config.dropout <= 0 || random.next() < keep
        mask[i] = activations[i]! > 0 && kept ? 1 / keep : 0
        activations[i]! *= mask[i]!
      }
      masks.push(mask)
    } else {
      softmaxInPlace(activations, rows, layer.units)
      masks.push(null)
    }
    outputs.push(activations)
  })

  // Loss, and dL/dz of the softmax layer: w_y (p - onehot(y)) / Σw.
  const probabilities = outputs.at(-1)!
  const classes = layers.at(-1)!.units
  let lossSum = 0
  let weightSum = 0
  let correct = 0
  for (let r = 0; r < rows; r++) weightSum += data.classWeights[labels[r]!]!
  const scale = weightSum > 0 ? 1 / weightSum : 0
  let delta = new Float32Array(rows * classes)
  for (let r = 0; r < rows; r++) {
    const y = labels[r]!
    const w = data.classWeights[y]!
    const o = r * classes
    if (argmaxRow(probabilities, r, classes) === y) correct++
    for (let c = 0; c < classes; c++) delta[o + c] = w * (probabilities[o + c]! - (c === y ? 1 : 0)) * scale
    lossSum += -w * Math.log(Math.max(probabilities[o + y]!, 1e-12))
  }

  // Backward, top down.
  const gradients: Float32Array[] = new Array(layers.length * 2)
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index]!
    const { units, inputs } = layer
    gradients[index * 2 + 1] = columnSums(delta, rows, units)
    if (index === 0) {
      // Xᵀ (inputs × rows) · dZ (rows × units): the one big product, with its small operand on the right.
      gradients[0] = products.product(transpose(xb, rows, dimension), dimension, rows, delta, units)
      break
    }
    const input = outputs[index - 1]!
    const kernel = new Float32Array(inputs * units)
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < inputs; k++) {
        const a = input[r * inputs + k]!
        if (a === 0) continue
        const ko = k * units
        const d = r * units
        for (let j = 0; j < units; j++) kernel[ko + j]! += a * delta[d + j]!
      }
    }
    gradients[index * 2] = kernel
    // dL/dz of the layer below: (delta · kernelᵀ) ⊙ mask.
    const below = new Float32Array(rows * inputs)
    const mask = masks[index - 1]!
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < inputs; k++) {
        const m = mask[r * inputs + k]!
        if (m === 0) continue
        let sum = 0
        const ko = k * units
        const d = r * units
        for (let j = 0; j < units; j++) sum += delta[d + j]! * layer.kernel[ko + j]!
        below[r * inputs + k] = sum * m
      }
    }
    delta = below
  }
  return { gradients, lossSum, weightSum, correct }
}

function lossAndAccuracy(probabilities: Float32Array, labels: Int32Array, classWeights: Float32Array): { loss: number; accuracy: number } {
  const rows = labels.length
  if (rows === 0) return { loss: 0, accuracy: 0 }
  const classes = probabilities.length / rows
  let loss = 0
  let weights = 0
  let correct = 0
  for (let r = 0; r < rows; r++) {
    const y = labels[r]!
    const w = classWeights[y]!
    loss += -w * Math.log(Math.max(probabilities[r * classes + y]!, 1e-12))
    weights += w
    if (argmaxRow(probabilities, r, classes) === y) correct++
  }
  return { loss: weights > 0 ? loss / weights : 0, accuracy: correct / rows }
}

export function argmaxRow(values: Float32Array, row: number, columns: number): number {
  const o = row * columns
  let best = 0
  for (let c = 1; c < columns; c++) if (values[o + c]! > values[o + best]!) best = c
  return best
}

function addBias(values: Float32Array, rows: number, bias: Float32Array): Float32Array {
  const units = bias.length
  for (let r = 0; r < rows; r++) for (let j = 0; j < units; j++) values[r * units + j]! += bias[j]!
  return values
}

/** rows × columns → columns × rows, in cache-sized tiles. */
export function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length)
  const tile = 32
  for (let r0 = 0; r0 < rows; r0 += tile) {
    const r1 = Math.min(rows, r0 + tile)
    for (let c0 = 0; c0 < columns; c0 += tile) {
      const c1 = Math.min(columns, c0 + tile)
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * rows + r] = values[r * columns + c]!
    }
  }
  return out
}

export function gatherRows(x: Float32Array, dimension: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dimension)
  rows.forEach((row, index) => out.set(x.subarray(row * dimension, (row + 1) * dimension), index * dimension))
  return out
}

function columnSums(values: Float32Array, rows: number, columns: number): Float32Array {
  const sums = new Float32Array(columns)
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) sums[c]! += values[r * columns + c]!
  return sums
}

function gatherLabels(y: Int32Array, rows: Int32Array): Int32Array {
  return Int32Array.from(rows, (row) => y[row]!)
}
