import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { selectBackend } from '../src/main/engines/ml/backend'
import { decodeDetections, DETECTOR_INPUT, detectorInput, locateDetector } from '../src/main/engines/learning/detector'
import { stratifiedSplit } from '../src/main/engines/learning/split'
import { balancedClassWeights, DEFAULT_TRAIN_CONFIG, jsProducts, train, type TrainData } from '../src/main/engines/learning/trainer'
import { TrainingWorker } from '../src/main/engines/learning/worker-client'
import { result, round, seededRandom, type BenchResult } from './stats'

/**
 * Training the classifier head and using it, on this machine's backend (wasm SIMD here):
 * - time to early stopping for 5,000 × 1280-d embeddings in 10 classes, through the training worker exactly as the
 *   'train' job runs it (default settings: one hidden layer of 128, batch 64, Adam 0.001, patience 5);
 * - the cost of one epoch three ways: the hand-written loop with wasm products (what ships), the same loop with plain
 *   JavaScript products, and TensorFlow.js's own model.fit on the same network (its gradients use matMuls with
 *   transposed operands, which the wasm backend runs several times slower than plain ones);
 * - predicting 5,000 embeddings, and the object detector per image.
 *
 * The embeddings are synthetic but shaped like a backbone's: non-negative, L2-normalised, each class a noisy
 * version of its own random prototype, overlapping enough that validation accuracy ends near 0.93 rather than 1.
 */

const DIMENSION = 1280
const CLASSES = 10

export function syntheticEmbeddings(count: number, seed = 7): TrainData {
  const random = seededRandom(seed)
  const prototypes = Array.from({ length: CLASSES }, () => Float32Array.from({ length: DIMENSION }, () => Math.max(0, random() * 2 - 1.2)))
  const x = new Float32Array(count * DIMENSION)
  const y = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const c = i % CLASSES
    y[i] = c
    let norm = 0
    for (let k = 0; k < DIMENSION; k++) {
      const value = Math.max(0, prototypes[c]![k]! * 0.25 + (random() + random() + random() - 1.5))
      x[i * DIMENSION + k] = value
      norm += value * value
    }
    norm = Math.sqrt(norm)
    for (let k = 0; k < DIMENSION; k++) x[i * DIMENSION + k]! /= norm
  }
  const { train: trainRows, validation } = stratifiedSplit(y, CLASSES, 0.2, seed)
  return { x, dimension: DIMENSION, y, train: trainRows, validation, classCount: CLASSES, classWeights: balancedClassWeights(y, trainRows, CLASSES) }
}

export async function benchTraining(options: { runs: number; samples: number; fitEpochs: number; detectorImages: string[] }, log: (line: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const data = syntheticEmbeddings(options.samples)
  const shape = `${options.samples} × ${DIMENSION}, ${CLASSES} classes`

  const worker = await TrainingWorker.start()
  try {
    log(`training: ${options.runs} runs to early stopping on ${shape} (${worker.backend.label})`)
    const seconds: number[] = []
    const perEpoch: number[] = []
    const runs: Record<string, number>[] = []
    let network = null
    for (let run = 0; run < options.runs; run++) {
      const started = performance.now()
      const outcome = await worker.train(data, { ...DEFAULT_TRAIN_CONFIG, seed: 42 + run }, () => undefined)
      const wall = (performance.now() - started) / 1000
      seconds.push(wall)
      perEpoch.push((outcome.seconds / outcome.epochs.length) * 1000)
      const best = outcome.epochs[outcome.bestEpoch - 1]!
      runs.push({ seconds: round(wall, 2), epochs: outcome.epochs.length, bestEpoch: outcome.bestEpoch, valAccuracy: round(best.valAccuracy, 3) })
      log(`  run ${run + 1}: ${wall.toFixed(1)} s, ${outcome.epochs.length} epochs (best ${outcome.bestEpoch}, val accuracy ${best.valAccuracy.toFixed(3)}), ${outcome.stoppedBy}`)
      network = outcome.network
    }
    const details = { samples: options.samples, dimension: DIMENSION, classes: CLASSES, backend: worker.backend.label, config: DEFAULT_TRAIN_CONFIG, runs }
    results.push(result({ id: 'training.earlyStop', name: `train to early stop (${shape}, worker)`, unit: 's', details }, seconds))
    results.push(result({ id: 'training.epoch.handwritten', name: 'one epoch, hand-written loop + wasm matMul', unit: 'ms', details: { backend: worker.backend.label } }, perEpoch))

    const predictTimes: number[] = []
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      await worker.predict(network!, data.x.slice(), options.samples)
      predictTimes.push(performance.now() - started)
    }
    results.push(result({ id: 'training.predict', name: `predict ${options.samples} embeddings (worker)`, unit: 'ms' }, predictTimes))

    const located = locateDetector()
    if (located.files && options.detectorImages.length > 0) {
      log(`detector: ${options.detectorImages.length} images`)
      await worker.loadDetector(located.files.modelFile, located.files.weightFiles)
      await worker.detect(new Float32Array(DETECTOR_INPUT * DETECTOR_INPUT * 3), DETECTOR_INPUT)
      const times: number[] = []
      for (const path of options.detectorImages) {
        const started = performance.now()
        const raw = await worker.detect(await detectorInput(path), DETECTOR_INPUT)
        decodeDetections(raw.rows, raw.count, { width: 640, height: 480 }, { threshold: 0.3 })
        times.push(performance.now() - started)
      }
      results.push(result({ id: 'detector.image', name: 'detect objects in one image (decode + CenterNet 512², worker)', unit: 'ms', details: { bytes: located.files.bytes } }, times))
    }
  } finally {
    await worker.close()
  }

  // The alternatives, for comparison, in this process (the bench's own thread).
  const backend = await selectBackend({ preference: ['wasm', 'cpu'] })
  log(`training alternatives on ${backend.label}: plain-JavaScript products (2 epochs), TF.js model.fit (${options.fitEpochs} epochs)`)
  const jsOutcome = train(data, { ...DEFAULT_TRAIN_CONFIG, maxEpochs: 2 }, jsProducts)
  results.push(
    result(
      { id: 'training.epoch.js', name: 'one epoch, hand-written loop + plain JS products', unit: 'ms' },
      jsOutcome.epochs.map((epoch, index) => (epoch.elapsed - (jsOutcome.epochs[index - 1]?.elapsed ?? 0)) * 1000),
    ),
  )
  results.push(...(await benchLayersFit(data, options.fitEpochs)))
  return results
}

/** TF.js layers: the same network (128 ReLU, dropout 0.2, softmax), Adam 0.001, batch 64, class weights, via fit. */
async function benchLayersFit(data: TrainData, epochs: number): Promise<BenchResult[]> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [data.dimension], units: DEFAULT_TRAIN_CONFIG.hiddenUnits, activation: 'relu' }),
      tfl.layers.dropout({ rate: DEFAULT_TRAIN_CONFIG.dropout }),
      tfl.layers.dense({ units: data.classCount, activation: 'softmax' }),
    ],
  })
  model.compile({ optimizer: tf.train.adam(DEFAULT_TRAIN_CONFIG.learningRate), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] })
  const rows = (indices: Int32Array) => {
    const out = new Float32Array(indices.length * data.dimension)
    indices.forEach((row, i) => out.set(data.x.subarray(row * data.dimension, (row + 1) * data.dimension), i * data.dimension))
    return out
  }
  const xs = tf.mul(tf.tensor2d(rows(data.train), [data.train.length, data.dimension]), Math.sqrt(data.dimension))
  const ys = tf.tensor1d(Int32Array.from(data.train, (row) => data.y[row]!), 'float32')
  const valX = tf.mul(tf.tensor2d(rows(data.validation), [data.validation.length, data.dimension]), Math.sqrt(data.dimension))
  const valY = tf.tensor1d(Int32Array.from(data.validation, (row) => data.y[row]!), 'float32')
  const times: number[] = []
  let last = performance.now()
  await model.fit(xs, ys, {
    epochs,
    batchSize: DEFAULT_TRAIN_CONFIG.batchSize,
    shuffle: true,
    validationData: [valX, valY],
    classWeight: Object.fromEntries(Array.from(data.classWeights, (w, c) => [c, w])),
    verbose: 0,
    callbacks: {
      onEpochEnd: async () => {
        const now = performance.now()
        times.push(now - last)
        last = now
      },
    },
  })
  tf.dispose([xs, ys, valX, valY])
  model.dispose()
  return [result({ id: 'training.epoch.tfjsFit', name: 'one epoch, TF.js layers model.fit (wasm)', unit: 'ms' }, times)]
}

