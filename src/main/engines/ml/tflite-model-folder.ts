import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { convertTflite, pooledTensor, readTflite, TfliteConversionError, WEIGHTS_FILE } from '../tflite'
import { firstLine, messageOf, ModelError } from './errors'
import { ModelManifest, type ModelManifestDraft } from './manifest'
import { sha256Bytes, summariseIssues, writeManifest } from './model-files'
import { modelIdFromFileName, type ModelFileFacts } from './model-file-facts'

const MODEL_JSON = 'model.json'

/**
 * Builds a TensorFlow.js layers model folder from a .tflite backbone (engines/tflite converts it once, here), so it
 * runs on every backend: TF.js loads it directly and onnxruntime through the ONNX conversion. The embedding is the
 * globally pooled features before any classifier head (or the tensor `facts` names); input size and normalisation come
 * from the file. A sidecar draft may rename the model or correct its normalisation; its other fields are the file's.
 */
export async function writeTfliteModelFolder(source: string, dir: string, draft: ModelManifestDraft | null, facts?: ModelFileFacts): Promise<ModelManifest> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(source)
  } catch (error) {
    throw new ModelError('missing-model-file', `Cannot read ${source}: ${firstLine(messageOf(error))}.`, { file: source })
  }
  let conversion
  try {
    const output = facts?.embeddingTensor ?? pooledTensor(readTflite(bytes)) ?? undefined
    conversion = convertTflite(bytes, { file: source, ...(output ? { output } : {}) })
  } catch (error) {
    if (!(error instanceof TfliteConversionError)) throw error
    throw new ModelError('unparsable-model', error.message, { file: source })
  }

  const modelJson = new TextEncoder().encode(JSON.stringify(conversion.modelJson))
  await writeFile(join(dir, MODEL_JSON), modelJson)
  await writeFile(join(dir, WEIGHTS_FILE), conversion.weights)
  const featureMap = conversion.outputShape.length === 3
  const parsed = ModelManifest.safeParse({
    manifestVersion: 1,
    id: facts?.id ?? draft?.id ?? modelIdFromFileName(source),
    name: facts?.name ?? draft?.name ?? basename(source),
    format: 'layers',
    modelFile: MODEL_JSON,
    input: conversion.input,
    normalisation: draft?.normalisation ?? conversion.normalisation,
    embedding: { output: null, pooling: featureMap ? 'avg' : 'none' },
    dimension: featureMap ? conversion.outputShape[2] : conversion.dimension,
    // Named here, as the converter found them, rather than worked out again from the layers each time the model loads.
    features: Object.fromEntries(conversion.featureLayers.map((feature) => [`stride${feature.stride}`, feature.layer])),
    weights: [{ path: WEIGHTS_FILE, sha256: sha256Bytes(conversion.weights), bytes: conversion.weights.byteLength }],
    sourceUrl: null,
    ...((facts?.licence ?? draft?.licence) ? { licence: facts?.licence ?? draft?.licence } : {}),
  })
  if (!parsed.success) {
    throw new ModelError('invalid-manifest', `The manifest for ${source} is not valid (${summariseIssues(parsed.error)}).`, { file: source })
  }
  await writeManifest(dir, parsed.data)
  return parsed.data
}
