import { selectBackend, type SelectBackendOptions } from './backend'
import { BACKEND_NAMES, type BackendInfo } from './backend-types'
import { EngineError, firstLine, messageOf } from './errors'
import type { ModelManifest } from './manifest'

/**
 * The backend for a model, in the inference worker. onnxruntime runs layers models (converted) and ONNX models; a
 * graph model runs on TensorFlow.js only, and an ONNX model on onnxruntime only, whatever comes before it in the
 * preference: the TensorFlow.js backends it passes over are listed in `skipped` with the reason.
 */
export async function selectBackendForModel(manifest: ModelManifest | null, options: Omit<SelectBackendOptions, 'onnxruntime'>): Promise<BackendInfo> {
  if (manifest?.format !== 'onnx') return selectBackend({ ...options, onnxruntime: manifest === null || manifest.format === 'layers' })
  const preference = options.preference ?? BACKEND_NAMES
  const onlyOne = `"${manifest.name}" is an ONNX model; it runs on onnxruntime only, which`
  const at = preference.indexOf('onnxruntime')
  if (at < 0) {
    throw new EngineError(`${onlyOne} is not among the backends allowed here (${preference.join(', ')}; see LOUPE_BACKEND).`)
  }
  let chosen: BackendInfo
  try {
    chosen = await selectBackend({ ...options, preference: ['onnxruntime'], onnxruntime: true })
  } catch (error) {
    throw new EngineError(`${onlyOne} does not work here: ${firstLine(messageOf(error), 400)}.`)
  }
  const passedOver = preference.slice(0, at).map((name) => ({ name, reason: 'TensorFlow.js cannot run an ONNX model' }))
  return { ...chosen, skipped: [...passedOver, ...chosen.skipped] }
}
