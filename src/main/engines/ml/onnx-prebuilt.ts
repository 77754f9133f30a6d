import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createSession, loadOnnxRuntime, signatureOf } from '../onnx'
import { firstLine, messageOf, ModelError } from './errors'
import { provenOnBlankImage } from './blank-image-check'
import type { ModelManifest } from './manifest'
import { hashMismatch, sha256Bytes } from './model-files'
import type { Embedder } from './model-loader'
import { bindOnnxManifest, type OnnxBinding } from './onnx-binding'
import { embeddingRows, imageBlock } from './onnx-layout'
import { normaliseRows } from './vectors'

/**
 * An ONNX model (format 'onnx') in the inference worker: its file is read and hashed against the manifest, loaded
 * into onnxruntime as it is, and checked against the manifest's input and output before the first batch. Batches
 * arrive NHWC and go in the manifest's layout; a graph that fixes its batch size gets them in blocks of that size.
 */
export async function loadPrebuiltOnnxEmbedder(modelDir: string, manifest: ModelManifest, options: { threads?: number } = {}): Promise<Embedder> {
  const details = { modelId: manifest.id }
  const path = join(modelDir, manifest.modelFile)
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new ModelError('missing-model-file', `Cannot read the model file of "${manifest.name}", ${path}: ${firstLine(messageOf(error))}.`, details)
  }
  const expected = manifest.weights.find((weight) => weight.path === manifest.modelFile)?.sha256 ?? ''
  const actual = sha256Bytes(bytes)
  if (actual !== expected) throw hashMismatch(manifest, path, actual, expected)

  const ort = await loadOnnxRuntime()
  const session = await createSession(bytes, options.threads ? { threads: options.threads } : {}).catch((error: unknown) => {
    throw new ModelError('unparsable-model', `onnxruntime could not load "${manifest.name}" from ${path}: ${firstLine(messageOf(error))}.`, details)
  })
  let binding: OnnxBinding
  try {
    binding = bindOnnxManifest(signatureOf(session), manifest, path)
  } catch (error) {
    await session.release()
    throw error
  }
  const { input, output, layout, fixedBatch } = binding
  const { width, height } = manifest.input
  const { dimension } = manifest
  const dims = (size: number): number[] => (layout === 'nhwc' ? [size, height, width, 3] : [size, 3, height, width])
  let released = false

  const embedder: Embedder = {
    height,
    width,
    dimension,
    async embed(batch, n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`batch size must be a positive integer, got ${n}`)
      if (batch.length !== n * height * width * 3) {
        throw new RangeError(`a batch of ${n} needs ${n}×${height}×${width}×3 = ${n * height * width * 3} values, got ${batch.length}`)
      }
      const vectors = new Float32Array(n * dimension)
      const step = fixedBatch ?? n
      for (let first = 0; first < n; first += step) {
        const count = Math.min(step, n - first)
        const feed = new ort.Tensor('float32', imageBlock(batch, first, count, step, height, width, layout), dims(step))
        const result = (await session.run({ [input]: feed }, [output]))[output]
        if (!result) throw new Error(`onnxruntime returned no "${output}"`)
        try {
          const rows = embeddingRows(result.data as Float32Array, result.dims, count, manifest.embedding.pooling, layout)
          if (rows.length !== count * dimension) {
            throw new ModelError('incompatible-model', `"${manifest.name}" gives ${rows.length / count}-d embeddings, but its manifest says ${dimension}.`, details)
          }
          vectors.set(rows, first * dimension)
        } finally {
          result.dispose()
        }
      }
      return normaliseRows(vectors, n, dimension)
    },
    dispose() {
      if (released) return
      released = true
      void session.release()
    },
  }

  return provenOnBlankImage(embedder, manifest)
}
