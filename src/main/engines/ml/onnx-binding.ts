import type { OnnxSignature, OnnxValue } from '../onnx'
import { ModelError } from './errors'
import type { ModelManifest } from './manifest'

/**
 * How an ONNX model's manifest meets its graph: which input takes the image, in which axis order, and which output is
 * the embedding. Checked against the graph's signature wherever a manifest and a file come together (adding the file
 * to the store, loading it in the worker), so a manifest that contradicts its file is refused with the reason.
 */

export type Layout = 'nhwc' | 'nchw'

export interface OnnxBinding {
  input: string
  output: string
  layout: Layout
  /** The batch size the graph fixes for its input (exports often fix it at 1); null when any batch size is accepted. */
  fixedBatch: number | null
}

/** The manifest fields that concern the graph (a draft's are enough: file names and hashes do not matter here). */
export type OnnxManifestFacts = Pick<ModelManifest, 'id' | 'name' | 'input' | 'embedding' | 'dimension'>

/** Axis of the channels in a 4-d image tensor or feature map. */
export function channelAxis(layout: Layout): 1 | 3 {
  return layout === 'nhwc' ? 3 : 1
}

/** Axes of height and width in a 4-d image tensor or feature map. */
export function spatialAxes(layout: Layout): [number, number] {
  return layout === 'nhwc' ? [1, 2] : [2, 3]
}

/** The batch size an input's shape fixes, or null when it leaves it open. */
export function fixedBatchOf(shape: ReadonlyArray<number | string>): number | null {
  const batch = shape[0]
  return typeof batch === 'number' && batch > 0 ? batch : null
}

export function shapeText(shape: OnnxValue['shape']): string {
  return shape ? `[${shape.join(', ')}]` : '[unknown shape]'
}

/**
 * The graph's one input, which must be able to take a batch of RGB images (float32, 4-d; the layout is checked by the
 * caller); anything else is an incompatible-model error saying why.
 */
export function imageInput(signature: OnnxSignature, file: string, details: ModelError['details']): OnnxValue & { shape: Array<number | string> } {
  const refuse = (why: string): ModelError => new ModelError('incompatible-model', `${file} ${why}.`, details)
  const [input, ...others] = signature.inputs
  if (!input) throw refuse('has no input, so it cannot take images')
  if (others.length > 0) {
    const names = signature.inputs.map((value) => `"${value.name}" ${shapeText(value.shape)}`).join(', ')
    throw refuse(`takes ${signature.inputs.length} inputs (${names}); Loupe feeds a model one image batch`)
  }
  if (input.type !== 'float32') throw refuse(`has no image-like input: its input "${input.name}" is ${input.type ?? 'not a tensor'}; Loupe feeds float32 pixels`)
  if (!input.shape || input.shape.length !== 4) {
    throw refuse(
      `has no image-like input: its input "${input.name}" is ${shapeText(input.shape)}; an image batch is 4-d (batch × height × width × 3, or batch × 3 × height × width)`,
    )
  }
  return { ...input, shape: input.shape }
}

/** The embedding length `output` gives per image, when its shape says so; null when it does not. */
export function dimensionOf(output: OnnxValue, pooling: ModelManifest['embedding']['pooling'], layout: Layout): number | null {
  if (!output.shape) return null
  const sizes = pooling === 'avg' ? [output.shape[channelAxis(layout)]] : output.shape.slice(1)
  return sizes.every((size) => typeof size === 'number') ? sizes.reduce<number>((product, size) => product * (size as number), 1) : null
}

/** Checks `manifest` against the graph's signature and says how to feed and read the graph. */
export function bindOnnxManifest(signature: OnnxSignature, manifest: OnnxManifestFacts, file: string): OnnxBinding {
  const details = { modelId: manifest.id, file }
  const contradiction = (what: string): ModelError => new ModelError('invalid-manifest', `The manifest of "${manifest.name}" ${what} (${file}).`, details)
  const input = imageInput(signature, file, details)
  const { shape } = input
  const { name, layout, width, height } = manifest.input
  if (!layout) throw contradiction('gives no input.layout, which an ONNX model needs')
  if (name !== input.name) throw contradiction(`names the input "${name ?? '(none)'}", but the model's input is "${input.name}"`)
  const channels = shape[channelAxis(layout)]
  if (typeof channels === 'number' && channels !== 3) {
    throw contradiction(`says layout "${layout}", but then the input ${shapeText(shape)} would have ${channels} channels, not 3`)
  }
  const [heightAxis, widthAxis] = spatialAxes(layout)
  for (const [axis, size, what] of [[heightAxis, height, 'height'], [widthAxis, width, 'width']] as const) {
    const fixed = shape[axis]
    if (typeof fixed === 'number' && fixed !== size) throw contradiction(`says input ${what} ${size}, but the model's input ${shapeText(shape)} fixes it at ${fixed}`)
  }

  const output = manifest.embedding.output === null ? signature.outputs[0] : signature.outputs.find((value) => value.name === manifest.embedding.output)
  const outputs = signature.outputs.map((value) => `"${value.name}" ${shapeText(value.shape)}`).join(', ')
  if (!output) throw contradiction(`names the output "${manifest.embedding.output ?? '(first)'}", which the model does not have; its outputs are ${outputs || 'none'}`)
  if (output.type !== 'float32') {
    throw new ModelError('incompatible-model', `The output "${output.name}" of ${file} is ${output.type ?? 'not a tensor'}; an embedding is float32.`, details)
  }
  if (manifest.embedding.pooling === 'avg' && output.shape && output.shape.length !== 4) {
    throw contradiction(`asks to average-pool the output "${output.name}", but it is ${shapeText(output.shape)}, not a 4-d feature map`)
  }
  const dimension = dimensionOf(output, manifest.embedding.pooling, layout)
  if (dimension !== null && dimension !== manifest.dimension) {
    throw contradiction(`says the embedding has ${manifest.dimension} values, but the output "${output.name}" ${shapeText(output.shape)} gives ${dimension}`)
  }
  return { input: input.name, output: output.name, layout, fixedBatch: fixedBatchOf(shape) }
}
