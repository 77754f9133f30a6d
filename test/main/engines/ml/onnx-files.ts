import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { convertLayersModel, decodeWeights, type WeightsGroup } from '../../../../src/main/engines/onnx'
import { encodeModel, type GraphSpec, type NodeSpec, type ValueSpec } from '../../../../src/main/engines/onnx/proto'
import { MOBILENET_DIR } from '../../../support/paths'

/**
 * Real .onnx files for the tests, made with the product's own converter and protobuf writer: MobileNetV2 0.35 as an
 * NHWC graph (converted from the shared TensorFlow.js model), the same network behind an NCHW input, and small
 * hand-written graphs.
 */

const WRITER = { opset: 13, producer: 'loupe-tests', producerVersion: '1' }

/**
 * The shared MobileNetV2 0.35 as ONNX: input "image" [batch, 224, 224, 3], outputs "embedding" [batch, 1280] and the
 * last feature map "feature:out_relu" [batch, 7, 7, 1280] (whose average over positions is the embedding).
 */
export async function mobilenetOnnx(): Promise<Uint8Array> {
  const json = JSON.parse(await readFile(join(MOBILENET_DIR, 'model.json'), 'utf8')) as { modelTopology: unknown; weightsManifest: WeightsGroup[] }
  const weights = decodeWeights(json.weightsManifest, await readFile(join(MOBILENET_DIR, 'weights.bin')))
  return convertLayersModel(json.modelTopology, weights, { embedding: { output: null, pooling: 'none' }, features: ['out_relu'] }).onnx
}

/**
 * `nhwc` (from mobilenetOnnx) behind an NCHW input "pixels" [batch, 3, 224, 224], with one more output,
 * "features_nchw" [batch, 1280, 7, 7]: the last feature map in NCHW order. Written as two small graphs (a Transpose
 * in front, one behind) whose fields are spliced into the converted graph, which loses its own input.
 */
export function nchwVariant(nhwc: Uint8Array): Uint8Array {
  const front = graphFieldsOf(
    smallModel({
      nodes: [{ op: 'Transpose', inputs: ['pixels'], outputs: ['image'], name: 'to_nhwc', attributes: [{ name: 'perm', ints: [0, 2, 3, 1] }] }],
      inputs: [{ name: 'pixels', dims: ['batch', 3, 224, 224] }],
      outputs: [],
    }),
  )
  const back = graphFieldsOf(
    smallModel({
      nodes: [{ op: 'Transpose', inputs: ['feature:out_relu'], outputs: ['features_nchw'], name: 'to_nchw', attributes: [{ name: 'perm', ints: [0, 3, 1, 2] }] }],
      inputs: [],
      outputs: [{ name: 'features_nchw', dims: ['batch', 1280, 7, 7] }],
    }),
  )
  const graph = graphFieldsOf(nhwc)
  const pick = (fields: Field[], number: number): Field[] => fields.filter((field) => field.number === number)
  // Nodes stay in an order where every tensor is made before it is used; the converted graph's input is replaced.
  const spliced = [
    ...pick(front, GRAPH.node),
    ...graph.filter((field) => field.number !== GRAPH.input),
    ...pick(back, GRAPH.node),
    ...pick(front, GRAPH.input),
    ...pick(back, GRAPH.output),
  ]
  const model = fieldsOf(nhwc).map((field) => (field.number === MODEL_GRAPH ? lengthDelimited(MODEL_GRAPH, concat(spliced.map((f) => f.bytes))) : field.bytes))
  return concat(model)
}

/** A one-graph model from nodes and value specs (float32 everywhere). */
export function smallModel(graph: Pick<GraphSpec, 'nodes' | 'inputs' | 'outputs'>): Uint8Array {
  return encodeModel({ name: 'test', initializers: [], ...graph }, WRITER)
}

/** x → Relu → y, both of `dims`: a "feature map" model whose average-pooled output is the per-channel mean of its input. */
export function reluModel(dims: ValueSpec['dims']): Uint8Array {
  const node: NodeSpec = { op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'relu' }
  return smallModel({ nodes: [node], inputs: [{ name: 'x', dims }], outputs: [{ name: 'y', dims }] })
}

export async function writeOnnx(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, bytes)
  return path
}

/** ModelProto field 7 is the graph; GraphProto fields 1, 11 and 12 are its nodes, inputs and outputs. */
const MODEL_GRAPH = 7
const GRAPH = { node: 1, input: 11, output: 12 } as const

interface Field {
  number: number
  /** The whole field as written: tag, length if any, payload. */
  bytes: Uint8Array
  payload: Uint8Array | null
}

function graphFieldsOf(model: Uint8Array): Field[] {
  const graph = fieldsOf(model).find((field) => field.number === MODEL_GRAPH)?.payload
  if (!graph) throw new Error('the model has no graph')
  return fieldsOf(graph)
}

/** The top-level fields of a protobuf message, in order. */
function fieldsOf(message: Uint8Array): Field[] {
  let at = 0
  const varint = (): number => {
    let value = 0
    for (let shift = 0; ; shift += 7) {
      const byte = message[at++]
      if (byte === undefined) throw new Error('truncated varint')
      value += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) return value
    }
  }
  const fields: Field[] = []
  while (at < message.length) {
    const start = at
    const tag = varint()
    const wireType = tag % 8
    let payload: Uint8Array | null = null
    if (wireType === 0) varint()
    else if (wireType === 1) at += 8
    else if (wireType === 5) at += 4
    else if (wireType === 2) {
      const length = varint()
      payload = message.subarray(at, at + length)
      at += length
    } else throw new Error(`wire type ${wireType} is not read here`)
    fields.push({ number: Math.floor(tag / 8), bytes: message.subarray(start, at), payload })
  }
  return fields
}

function lengthDelimited(number: number, payload: Uint8Array): Uint8Array {
  return concat([varintBytes(number * 8 + 2), varintBytes(payload.length), payload])
}

function varintBytes(value: number): Uint8Array {
  const bytes: number[] = []
  let rest = value
  do {
    const low = rest % 128
    rest = Math.floor(rest / 128)
    bytes.push(rest > 0 ? low | 0x80 : low)
  } while (rest > 0)
  return Uint8Array.from(bytes)
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
