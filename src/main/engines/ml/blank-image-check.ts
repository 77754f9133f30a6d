import { firstLine, messageOf, ModelError } from './errors'
import type { ModelManifest } from './manifest'
import type { Embedder } from './model-loader'

/**
 * Runs one blank image through a freshly loaded onnxruntime embedder: its kernels are set up now, and an output that
 * differs from the manifest shows at once, as a ModelError, rather than in the first real batch.
 */
export async function provenOnBlankImage(embedder: Embedder, manifest: ModelManifest): Promise<Embedder> {
  const { width, height } = manifest.input
  try {
    await embedder.embed(new Float32Array(height * width * 3), 1)
  } catch (error) {
    embedder.dispose()
    if (error instanceof ModelError) throw error
    throw new ModelError('incompatible-model', `"${manifest.name}" does not run on a ${width}×${height}×3 input: ${firstLine(messageOf(error))}.`, {
      modelId: manifest.id,
    })
  }
  return embedder
}
