import { TfliteConversionError } from './errors'
import type { TfliteModel, TfliteOperator } from './schema'
import type { StoredWeight } from './weights'

/**
 * The Keras layer graph under construction, and which layer's output stands for each TFLite tensor. A layer's shape
 * is what Keras sees (no batch axis); it can differ from its tensor's TFLite shape only by unit axes — a global
 * average pool gives [C] where TFLite keeps [1, 1, C] — and `image` inserts a Reshape where an operator needs the
 * TFLite layout back.
 */

export interface KerasLayer {
  name: string
  className: string
  config: Record<string, unknown>
  inbound: KerasLayer[]
  weights: StoredWeight[]
  /** Output shape without the batch axis. */
  shape: number[]
  /** How many input pixels one output position steps over; null once the spatial layout is gone (pooled, reshaped). */
  stride: number | null
}

export class LayerGraph {
  readonly layers: KerasLayer[] = []
  private readonly values = new Map<number, KerasLayer>()

  constructor(readonly model: TfliteModel) {}

  add(layer: Omit<KerasLayer, 'weights'> & { weights?: StoredWeight[] }): KerasLayer {
    const added = { ...layer, weights: layer.weights ?? [] }
    this.layers.push(added)
    return added
  }

  /** Makes `layer`'s output the value of `tensor`. */
  bind(tensor: number, layer: KerasLayer): void {
    this.values.set(tensor, layer)
  }

  valueOf(tensor: number): KerasLayer | undefined {
    return this.values.get(tensor)
  }

  /** The layer computing an operator's `position`-th input. */
  input(op: TfliteOperator, position: number): KerasLayer {
    const index = op.inputs[position] ?? -1
    const layer = this.values.get(index)
    if (layer) return layer
    const tensor = this.model.tensors[index]
    const what = tensor ? `tensor "${tensor.name}"` : `input ${position}`
    throw new TfliteConversionError(`${describe(op)} reads ${what}, which is neither the image nor computed by an earlier operator`, {
      operator: { index: op.index, type: op.type },
    })
  }

  /** An operator's input as an H×W×C map in TFLite's layout, reshaped back from a pooled [C] if need be. */
  image(op: TfliteOperator, position: number, name: string): KerasLayer {
    const layer = this.input(op, position)
    const [batch, ...tfliteShape] = this.model.tensors[op.inputs[position]!]!.shape
    if (batch !== 1 || tfliteShape.length !== 3) throw unsupported(op, `it needs a 1×H×W×C input, and its input is [${[batch, ...tfliteShape].join(', ')}]`)
    if (sameShape(layer.shape, tfliteShape)) return layer
    if (size(layer.shape) !== size(tfliteShape)) throw unsupported(op, `its input is [${tfliteShape.join(', ')}], but the layer before gives [${layer.shape.join(', ')}]`)
    return this.add(reshape(`${name}_input`, layer, tfliteShape))
  }
}

export function reshape(name: string, input: KerasLayer, shape: number[]): Omit<KerasLayer, 'weights'> {
  return { name, className: 'Reshape', config: { target_shape: shape, trainable: true }, inbound: [input], shape, stride: null }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i])
}

export function size(shape: readonly number[]): number {
  return shape.reduce((product, axis) => product * axis, 1)
}

export function describe(op: TfliteOperator): string {
  return `operator ${op.index} (${op.type})`
}

export function unsupported(op: TfliteOperator, why: string): TfliteConversionError {
  return new TfliteConversionError(`${describe(op)} cannot be converted: ${why}`, { operator: { index: op.index, type: op.type } })
}
