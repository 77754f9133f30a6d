import { selectBackend } from '../ml/backend'
import { tfProducts } from '../learning/tf-products'
import { serveRequests } from '../../platform/workers/serve'
import type { DetectionMethods } from './protocol'
import { detectWithHead, trainDetector } from './train'

/**
 * The detection worker (worker_threads): trains box-detector heads and runs them on feature maps, with TensorFlow.js
 * (wasm here) doing the products, never on the services' thread. A worker of its own rather than more methods of the
 * training worker: engines/detection builds on engines/learning (Adam, the products), so the training worker running
 * this code would make the two folders import each other. Built as its own entry by electron-vite
 * (out/main/detection-worker.js); under tsx/vitest it is started through workers/worker-bootstrap.js.
 */
serveRequests<DetectionMethods>({
  init: async ({ backends }) => selectBackend(backends ? { preference: backends } : {}),
  train: async ({ shape, classes, train, validation, config, cancel }, progress) => {
    const flag = new Int32Array(cancel)
    return trainDetector({ shape, classes, train, validation, config }, tfProducts, {
      onEpoch: progress,
      cancelled: () => Atomics.load(flag, 0) !== 0,
    })
  },
  detect: async ({ head, maps, threshold }) => detectWithHead(head, maps, threshold, tfProducts),
})
