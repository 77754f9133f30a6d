import { readFile } from 'node:fs/promises'
import { createSession, type OnnxSession } from '../onnx'
import { firstLine, messageOf, ModelError } from './errors'

/** An .onnx file on the main side: its bytes, and an onnxruntime session that only reads its graph. */

/** The name an ONNX model's file has in its folder of the store. */
export const ONNX_MODEL_FILE = 'model.onnx'

export async function readModelBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    throw new ModelError('missing-model-file', `Cannot read ${file}: ${firstLine(messageOf(error))}.`, { file })
  }
}

/**
 * A session on `bytes`, unoptimised (quicker to build; it is there to be described, not to run batches); bytes that
 * onnxruntime cannot load are an unparsable-model error. The caller releases it.
 */
export async function openOnnxBytes(bytes: Uint8Array, file: string): Promise<OnnxSession> {
  try {
    return await createSession(bytes, { threads: 1, optimise: false })
  } catch (error) {
    throw new ModelError('unparsable-model', `${file} is not an ONNX model onnxruntime can load (${firstLine(messageOf(error))}).`, { file })
  }
}
