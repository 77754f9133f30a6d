import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FLIPS, flipBox, type LabelledBox } from '../src/main/engines/detection/boxes'
import { detectionInput, detectionMaps, detectionViews, type DetectionMaps } from '../src/main/engines/detection/features'
import { DEFAULT_DETECTOR_CONFIG, trainDetector, type DetectorSample } from '../src/main/engines/detection/train'
import { DetectionWorker } from '../src/main/engines/detection/worker-client'
import { readVoc } from '../src/main/engines/formats'
import { stratifiedSplit } from '../src/main/engines/learning/split'
import { tfProducts } from '../src/main/engines/learning/tf-products'
import { jsProducts, type Products } from '../src/main/engines/learning/trainer'
import { selectBackend } from '../src/main/engines/ml/backend'
import { EmbeddingEngine, type BackendName } from '../src/main/engines/ml'
import { benchModel, installBenchModels } from './models'
import { result, round, type BenchResult } from './stats'

const NEU = resolve(fileURLToPath(new URL('../..', import.meta.url)), 'shared', 'data', 'neu-det')
const MODEL = 'mobilenet-v1-1.0-224'

export interface DetectorSizes {
  /** NEU pictures whose maps are computed per backbone backend (4 flips each); onnxruntime gets them all. */
  wasmPictures: number
  maxEpochs: number
  /** Training pictures (in all their flips) one epoch is timed on, wasm products against plain JavaScript. */
  epochPictures: number
  backends: BackendName[]
}

/**
 * The box detector on NEU-DET (240 pictures, VOC boxes) with MobileNetV1, side by side where there is a choice:
 * - feature caching: pictures/s for the stride-8/16/32 maps of a picture in its 4 flips, per backbone backend;
 * - training to early stop on the stratified 80/20 split (flips on the training side), in the detection worker, with
 *   its validation mAP50 and mAP50-95, and one epoch with wasm products against plain JavaScript products;
 * - detection: pictures/s from file to boxes (the picture and its mirror image), per backbone backend.
 */
export async function benchDetector(sizes: DetectorSizes, log: (line: string) => void): Promise<{ results: BenchResult[]; notes: string[] }> {
  if (!existsSync(NEU)) {
    log('detector: skipped, no shared data beside the checkout')
    return { results: [], notes: [] }
  }
  const work = await mkdtemp(join(tmpdir(), 'loupe-bench-detector-'))
  const results: BenchResult[] = []
  const notes: string[] = []
  try {
    const installed = (await installBenchModels(join(work, 'models'), [benchModel(MODEL)])).get(MODEL)!
    const { pictures, classes } = await neuPictures()
    const engines = new Map<BackendName, EmbeddingEngine>()
    // At the input the product's detector runs this backbone at (320 px for MobileNetV1's 224).
    const manifest = { ...installed.manifest, input: { ...installed.manifest.input, ...detectionInput(installed.manifest) } }
    for (const backend of sizes.backends) engines.set(backend, await EmbeddingEngine.start({ modelDir: installed.dir, manifest, backends: [backend] }))
    try {
      let cached: Awaited<ReturnType<typeof detectionMaps>> | null = null
      for (const [backend, engine] of engines) {
        const count = backend === 'onnxruntime' ? pictures.length : Math.min(sizes.wasmPictures, pictures.length)
        log(`detector: feature maps of ${count} pictures × 4 flips (${backend})`)
        const started = performance.now()
        const maps = await detectionMaps(engine, pictures.slice(0, count).map((picture) => picture.path), FLIPS)
        const perSecond = count / ((performance.now() - started) / 1000)
        results.push(result({ id: `detector.features.${backend}`, name: `detector: feature maps, 4 flips (${backend})`, unit: 'pictures/s', higherIsBetter: true, details: { pictures: count } }, [perSecond]))
        if (count === pictures.length) cached = maps
      }
      cached ??= await detectionMaps(engines.values().next().value!, pictures.map((picture) => picture.path), FLIPS)
      const { train, validation } = stratifiedSplit(Int32Array.from(pictures, (picture) => picture.classIndex), classes.length, 0.2, DEFAULT_DETECTOR_CONFIG.seed)
      const samples = (rows: Int32Array, flips: number) =>
        Array.from(rows).flatMap((row) => FLIPS.slice(0, flips).map((flip, k) => ({ maps: cached!.maps[row]![k]!, boxes: pictures[row]!.boxes.map((box) => flipBox(box, flip)) })))

      // A validation picture carries its mirror image's maps, as detection does (test-time averaging).
      const views = (rows: Int32Array) => Array.from(rows, (row) => ({ maps: { ...cached!.maps[row]![0]!, mirrored: cached!.maps[row]![1]! }, boxes: pictures[row]!.boxes }))
      const epochSamples = samples(train.slice(0, sizes.epochPictures), 4)
      await selectBackend({ preference: ['wasm'] })
      for (const [label, products] of [['wasm', tfProducts], ['JavaScript', jsProducts]] as [string, Products][]) {
        log(`detector: one epoch on ${epochSamples.length} samples, ${label} products`)
        const outcome = trainDetector({ shape: cached.shape, classes: classes.length, train: epochSamples, validation: epochSamples.slice(0, 8), config: { ...DEFAULT_DETECTOR_CONFIG, maxEpochs: 1 } }, products)
        results.push(result({ id: `detector.epoch.${label === 'wasm' ? 'wasm' : 'js'}`, name: `detector: one epoch per 100 samples (${label} products)`, unit: 's', details: { samples: epochSamples.length } }, [(outcome.epochs[0]!.elapsed * 100) / epochSamples.length]))
      }

      const worker = await DetectionWorker.start({ backends: ['wasm'] })
      try {
        log(`detector: training to early stop on ${train.length} pictures × 4 flips, validating on ${validation.length} (${worker.backend.label})`)
        const outcome = await worker.train(
          { shape: cached.shape, classes: classes.length, train: copies(samples(train, 4)), validation: copies(views(validation)), config: { ...DEFAULT_DETECTOR_CONFIG, maxEpochs: sizes.maxEpochs } },
          (epoch) => log(`  epoch ${epoch.epoch}: val mAP50 ${epoch.valMAP50.toFixed(3)} (${Math.round(epoch.elapsed)} s)`),
        )
        const perClass = Object.fromEntries(outcome.evaluation.perClass.map((entry) => [classes[entry.classIndex]!, entry.ap50 === null ? null : round(entry.ap50, 3)]))
        const details = { backend: worker.backend.label, epochs: outcome.epochs.length, bestEpoch: outcome.bestEpoch, stoppedBy: outcome.stoppedBy, valMAP50: round(outcome.evaluation.map50 ?? 0, 3), valMAP5095: round(outcome.evaluation.map5095 ?? 0, 3), perClass }
        results.push(result({ id: 'detector.train.neu', name: 'detector: training to early stop, 240 NEU pictures', unit: 's', details }, [outcome.seconds]))
        notes.push(`detector (${worker.backend.label}): validation mAP50 ${details.valMAP50}, mAP50-95 ${details.valMAP5095} after ${details.epochs} epochs (best ${details.bestEpoch}); per class ${JSON.stringify(perClass)}`)

        for (const [backend, engine] of engines) {
          const count = backend === 'onnxruntime' ? validation.length : Math.min(sizes.wasmPictures, validation.length)
          const paths = Array.from(validation.slice(0, count), (row) => pictures[row]!.path)
          log(`detector: detecting on ${count} pictures (${backend})`)
          const started = performance.now()
          const { views: found } = await detectionViews(engine, paths)
          await worker.detect(outcome.head, found, DEFAULT_DETECTOR_CONFIG.scoreThreshold)
          const perSecond = count / ((performance.now() - started) / 1000)
          results.push(result({ id: `detector.detect.${backend}`, name: `detector: detection from file (${backend})`, unit: 'pictures/s', higherIsBetter: true, details: { pictures: count } }, [perSecond]))
        }
      } finally {
        await worker.close()
      }
    } finally {
      for (const engine of engines.values()) await engine.close()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  return { results, notes }
}

/** NEU-DET's pictures with their boxes as fractions of the picture, and each picture's class (its first box's). */
async function neuPictures(): Promise<{ pictures: { path: string; boxes: LabelledBox[]; classIndex: number }[]; classes: string[] }> {
  const read = await readVoc(NEU)
  const classes = [...new Set(read.set.images.flatMap((image) => image.boxes.map((box) => box.label)))].sort()
  const pictures = read.set.images.map((image) => ({
    path: join(NEU, 'images', image.file.endsWith('.jpg') ? image.file : `${image.file}.jpg`),
    classIndex: classes.indexOf(image.boxes[0]!.label),
    boxes: image.boxes.map((box) => ({ classIndex: classes.indexOf(box.label), x: box.x / image.width, y: box.y / image.height, width: box.width / image.width, height: box.height / image.height })),
  }))
  return { pictures, classes }
}

/** The worker takes the maps' buffers; the bench keeps its own to detect with afterwards. */
function copies(samples: DetectorSample[]): DetectorSample[] {
  return samples.map((sample) => ({ boxes: sample.boxes, maps: copyMaps(sample.maps) }))
}

function copyMaps(maps: DetectionMaps): DetectionMaps {
  const own = { fine: maps.fine.slice(), coarse: maps.coarse.slice(), global: maps.global.slice() }
  return maps.mirrored ? { ...own, mirrored: copyMaps(maps.mirrored) } : own
}
