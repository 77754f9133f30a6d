import { ApiError } from '../../../shared/api/errors'
import { decodeDetections, DETECTOR_INPUT, locateDetector, type Detection } from '../../engines/learning/detector'
import { TrainingWorker } from '../../engines/learning/worker-client'
import { backendsFromEnvironment } from '../../engines/ml/backend-choice'
import type { BackendName } from '../../engines/ml/backend-types'
import { KeptWorker } from '../../platform/workers'

/**
 * The object detector, loaded once in a worker thread of its own and kept until the workspace closes: pre-labelling one
 * image from the annotation view then costs one detection, not a worker start and a model load, and a pre-label job
 * finds it ready. Apart from the classifier's worker, so that predictions and training are not held up meanwhile.
 */
export class DetectorWorker extends KeptWorker<TrainingWorker> {
  constructor() {
    super(launch)
  }

  /** Boxes on `image` (whose size maps them back from the detector's input) scoring at least `threshold`, best first. */
  async detect(pixels: Float32Array, image: { width: number; height: number }, threshold: number): Promise<Detection[]> {
    const worker = await this.start()
    const raw = await worker.detect(pixels, DETECTOR_INPUT)
    return decodeDetections(raw.rows, raw.count, image, { threshold })
  }
}

/**
 * LOUPE_BACKEND's order, except that plain JavaScript never comes before wasm: CenterNet at 512² takes 7 s an image
 * there against about 0.3 s on wasm (2 cores), which made a pre-label run crawl at 0.1 images/s when LOUPE_BACKEND
 * named cpu (a fine choice for the classifier's small network) and not wasm.
 */
export function detectorBackends(): BackendName[] {
  const wanted = [...backendsFromEnvironment()]
  const plain = wanted.indexOf('cpu')
  if (plain >= 0 && !wanted.includes('wasm')) wanted.splice(plain, 0, 'wasm')
  return wanted
}

async function launch(): Promise<TrainingWorker> {
  const located = locateDetector()
  if (!located.files) throw new ApiError('unsupported', located.problem)
  const worker = await TrainingWorker.start({ backends: detectorBackends() })
  try {
    await worker.loadDetector(located.files.modelFile, located.files.weightFiles)
  } catch (error) {
    await worker.close()
    throw error
  }
  return worker
}
