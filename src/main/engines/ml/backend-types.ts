/** Backend names, in the order the worker tries them by default. Plain data, safe to import on either side. */
export const BACKEND_NAMES = ['tensorflow-gpu', 'onnxruntime', 'tensorflow', 'wasm', 'cpu'] as const
export type BackendName = (typeof BACKEND_NAMES)[number]

export interface BackendInfo {
  /**
   * 'tensorflow-gpu' (@tensorflow/tfjs-node-gpu), 'onnxruntime' (onnxruntime-node, CPU; inference only, a layers model
   * is converted to ONNX, an ONNX model runs as it is and on nothing else), 'tensorflow' (@tensorflow/tfjs-node), 'wasm'
   * or 'cpu' (plain JS).
   */
  name: BackendName
  /** For people (UI, CLI): e.g. "wasm (SIMD)", "tensorflow (native)". */
  label: string
  /** TensorFlow.js's own backend name (tf.getBackend()); with onnxruntime, the one TensorFlow.js keeps for odd jobs ('cpu'). */
  tfBackend: string
  /** wasm only: whether the SIMD binary is in use. */
  simd?: boolean
  /** wasm: XNNPACK's thread count; onnxruntime: intra-op threads. */
  threads?: number
  /** The backends tried before this one and why each was passed over. */
  skipped: Array<{ name: BackendName; reason: string }>
}
