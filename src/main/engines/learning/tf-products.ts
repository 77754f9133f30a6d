import * as tf from '@tensorflow/tfjs-core'
import type { Products } from './trainer'

/**
 * Plain matrix products on the active TensorFlow.js backend (wasm SIMD here): operands uploaded, one matMul with no
 * transposed operand, the result read back synchronously, every tensor released. Worker side only.
 *
 * The result is read outside tf.tidy on purpose: tidy walks whatever its callback returns looking for tensors, and a
 * returned typed array of 100k+ numbers costs hundreds of milliseconds there.
 */
export const tfProducts: Products = {
  product(a, aRows, shared, b, bColumns) {
    const result = tf.tidy(() => tf.matMul(tf.tensor2d(a, [aRows, shared]), tf.tensor2d(b, [shared, bColumns])))
    try {
      // The wasm backend's read is a copy; the cpu backend's is its own buffer, released with the tensor below.
      const values = result.dataSync() as Float32Array
      return tf.getBackend() === 'wasm' ? values : values.slice()
    } finally {
      result.dispose()
    }
  },
}
