import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { ModelInspection, ModelTensor, OnnxSettings } from '../../../shared/api/schemas'
import { findSidecar, inspectOnnxModel, ModelError, type ModelManifestDraft, type OnnxInspection } from '../../engines/ml'

/**
 * Asking before adding: an .onnx file says which input and outputs it has, but not how its pixels are scaled and
 * often not its image size, axis order or which output is the embedding. `inspectModel` proposes those with the reason
 * for each guess, and `confirmedOnnxDraft` turns the settings a person confirmed into the manifest the model is added
 * with, checked against the file.
 */

type ModelKind = ModelInspection['kind']

export async function inspectModel(path: string): Promise<ModelInspection> {
  const kind = await kindOf(path)
  const nothingToAsk: ModelInspection = { kind, proposal: null, sidecar: null, input: null, outputs: [], guesses: [] }
  if (kind !== 'onnx') return nothingToAsk
  try {
    const sidecar = await findSidecar(path)
    if (sidecar) return { ...nothingToAsk, sidecar: sidecar.path }
    return proposalOf(await inspectOnnxModel(path))
  } catch (error) {
    throw refusal(error)
  }
}

/**
 * The manifest draft for an .onnx file added with confirmed settings: the file's own facts (input name, hash) with
 * the settings in place of the guesses, and the embedding's length those settings give (found by running the graph
 * once when its shapes leave it open). A setting the file contradicts is refused with the reason.
 */
export async function confirmedOnnxDraft(path: string, settings: OnnxSettings): Promise<ModelManifestDraft> {
  if (extname(path).toLowerCase() !== '.onnx') {
    throw new ApiError('bad_request', `Settings for an ONNX model were given, but ${path} is not an .onnx file.`)
  }
  const { width, height, layout, output, pooling } = settings
  const { manifest } = await inspectOnnxModel(path, { width, height, layout, output, pooling }).catch((error: unknown) => {
    // The reason alone: the person has the file in hand, so the usual hint on how to get a model would mislead.
    throw error instanceof ModelError ? new ApiError('bad_request', error.reason, { model: error.code }) : error
  })
  return { ...manifest, id: settings.id ?? manifest.id, name: settings.name ?? manifest.name, normalisation: settings.normalisation }
}

/** A model problem as a refused request, in the model engine's words. */
export function refusal(error: unknown): unknown {
  return error instanceof ModelError ? new ApiError('bad_request', error.message, { model: error.code }) : error
}

async function kindOf(path: string): Promise<ModelKind> {
  let isFolder
  try {
    isFolder = (await stat(path)).isDirectory()
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'there is nothing there' : (error as Error).message
    throw new ApiError('bad_request', `Cannot read the model at ${path}: ${reason}.`)
  }
  if (isFolder) return 'folder'
  const extension = extname(path).toLowerCase()
  if (extension === '.onnx') return 'onnx'
  if (extension === '.tflite') return 'tflite'
  throw new ApiError('bad_request', `${path} is neither a model folder nor an .onnx or .tflite file.`)
}

function proposalOf(inspection: OnnxInspection): ModelInspection {
  const { manifest } = inspection
  const [input] = inspection.inputs
  return {
    kind: 'onnx',
    proposal: {
      id: manifest.id,
      name: manifest.name,
      width: manifest.input.width,
      height: manifest.input.height,
      // An ONNX manifest always gives its input's layout (ModelManifest requires it); inspection always names the output.
      layout: manifest.input.layout!,
      normalisation: manifest.normalisation,
      output: manifest.embedding.output!,
      pooling: manifest.embedding.pooling,
      dimension: manifest.dimension,
    },
    sidecar: null,
    input: input ? tensorOf(input) : null,
    outputs: inspection.outputs.map(tensorOf),
    // The engine names a guess by its place in the manifest ("input.width"); the proposal is flat ("width").
    guesses: inspection.guesses.map(({ field, why }) => ({ field: field.slice(field.lastIndexOf('.') + 1), why })),
  }
}

function tensorOf(value: { name: string; shape: Array<number | string> | null }): ModelTensor {
  return { name: value.name, shape: value.shape }
}
