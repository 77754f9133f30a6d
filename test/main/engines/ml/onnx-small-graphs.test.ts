import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_MODEL_MANIFEST,
  EmbeddingEngine,
  inspectOnnxModel,
  ModelError,
  ModelManifest,
  ModelStore,
  preprocessBatch,
  preprocessImage,
  type ModelManifestDraft,
  type OnnxChoices,
} from '../../../../src/main/engines/ml'
import { COCO_IMAGES, REPO_ROOT, tempDir } from '../../../support/paths'
import { reluModel, smallModel, writeOnnx } from './onnx-files'

/**
 * Small hand-written ONNX graphs: the shapes an inspection meets (dynamic sizes, several or odd inputs, feature-map
 * outputs), graphs that fix their batch size, and the manifest rules for the 'onnx' format.
 */

let dir: string

beforeAll(async () => {
  dir = await tempDir('loupe-onnx-small-')
})

async function inspectionError(bytes: Uint8Array, name: string): Promise<ModelError> {
  const error = await inspectOnnxModel(await writeOnnx(dir, name, bytes)).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(ModelError)
  return error as ModelError
}

describe('inspectOnnxModel on small graphs', () => {
  it('a fully dynamic input: size and layout are guessed, the embedding length is measured on a blank image', async () => {
    const bytes = smallModel({
      nodes: [
        { op: 'GlobalAveragePool', inputs: ['x'], outputs: ['pooled'], name: 'pool' },
        { op: 'Flatten', inputs: ['pooled'], outputs: ['y'], name: 'flatten', attributes: [{ name: 'axis', int: 1 }] },
      ],
      inputs: [{ name: 'x', dims: ['batch', 'channels', 'height', 'width'] }],
      outputs: [{ name: 'y', dims: ['batch', 'features'] }],
    })
    const { manifest, guesses, outputs } = await inspectOnnxModel(await writeOnnx(dir, 'dynamic.onnx', bytes))
    expect(outputs).toEqual([{ name: 'y', type: 'float32', shape: ['batch', 'features'] }])
    expect(manifest.input).toEqual({ width: 224, height: 224, channels: 3, name: 'x', layout: 'nchw' })
    expect(manifest.embedding).toEqual({ output: 'y', pooling: 'none' })
    expect(manifest.dimension).toBe(3)
    expect(guesses.map((guess) => guess.field)).toEqual(['id', 'name', 'input.layout', 'input.height', 'input.width', 'normalisation'])
    expect(guesses.find((guess) => guess.field === 'input.width')?.why).toBe('the input [batch, channels, height, width] accepts any width; 224 is the usual ImageNet size')
  })

  it('only a 4-d output: it is averaged over its positions; an input open on both channel axes is guessed NCHW; unnamed open sizes', async () => {
    const nhwc = await inspectOnnxModel(await writeOnnx(dir, 'map-nhwc.onnx', reluModel([1, 8, 8, 3])))
    expect(nhwc.manifest).toMatchObject({ input: { width: 8, height: 8, layout: 'nhwc' }, embedding: { output: 'y', pooling: 'avg' }, dimension: 3 })
    const open = await inspectOnnxModel(await writeOnnx(dir, 'open.onnx', reluModel(['n', 'a', 'b', 'c'])))
    expect(open.manifest.input.layout).toBe('nchw')
    expect(open.guesses.find((guess) => guess.field === 'input.layout')?.why).toContain('could be either order')
    // Open dimensions without a name are shown as "?".
    const unnamed = await inspectOnnxModel(await writeOnnx(dir, 'unnamed.onnx', reluModel(['', 3, '', ''])))
    expect(unnamed.inputs[0]?.shape).toEqual(['?', 3, '?', '?'])
    expect(unnamed.manifest).toMatchObject({ input: { width: 224, height: 224, layout: 'nchw' }, embedding: { pooling: 'avg' }, dimension: 3 })
  })

  it('refuses graphs that cannot take an image batch, saying why', async () => {
    const twoInputs = smallModel({
      nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['sum'], name: 'add' }],
      inputs: [
        { name: 'a', dims: [1, 3, 8, 8] },
        { name: 'b', dims: [1, 3, 8, 8] },
      ],
      outputs: [{ name: 'sum', dims: [1, 3, 8, 8] }],
    })
    expect((await inspectionError(twoInputs, 'two.onnx')).reason).toMatch(/two\.onnx takes 2 inputs \("a" \[1, 3, 8, 8\], "b" \[1, 3, 8, 8\]\); Loupe feeds a model one image batch\.$/)
    const flat = await inspectionError(reluModel(['batch', 10]), 'flat.onnx')
    expect(flat.code).toBe('incompatible-model')
    expect(flat.reason).toContain('flat.onnx has no image-like input: its input "x" is [batch, 10]; an image batch is 4-d')
    const grey = await inspectionError(reluModel([1, 1, 28, 28]), 'grey.onnx')
    expect(grey.reason).toContain('grey.onnx has no image-like input: "x" is [1, 1, 28, 28], with 3 channels on neither axis 1 nor axis 3.')
    const vector = smallModel({
      nodes: [{ op: 'ReduceSum', inputs: ['x'], outputs: ['total'], name: 'sum', attributes: [{ name: 'keepdims', int: 0 }] }],
      inputs: [{ name: 'x', dims: [1, 3, 8, 8] }],
      outputs: [{ name: 'total', dims: [] }],
    })
    const greyMap = smallModel({
      nodes: [{ op: 'ReduceMean', inputs: ['x'], outputs: ['grey'], name: 'mean', attributes: [{ name: 'axes', ints: [1] }, { name: 'keepdims', int: 0 }] }],
      inputs: [{ name: 'x', dims: [1, 3, 8, 8] }],
      outputs: [{ name: 'grey', dims: [1, 8, 8] }],
    })
    expect((await inspectionError(greyMap, 'grey-map.onnx')).reason).toContain(
      'grey-map.onnx has no output that can be an embedding (a float32 batch × features, or a 4-d feature map to average); its outputs are "grey" float32 [1, 8, 8].',
    )
    expect((await inspectionError(vector, 'scalar.onnx')).reason).toMatch(/The output "total" of .*scalar\.onnx is \[\] for one image, which is no embedding/)
  })
})

describe('inspectOnnxModel with choices made by whoever adds the file', () => {
  const refusedFor = (file: string, choices: OnnxChoices) =>
    inspectOnnxModel(file, choices).then(
      () => null,
      (error: unknown) => error as ModelError,
    )

  it('uses chosen values instead of guessing them, and measures the embedding they give', async () => {
    const file = await writeOnnx(dir, 'choices-open.onnx', reluModel(['n', 'a', 'b', 'c']))
    const { manifest, guesses } = await inspectOnnxModel(file, { layout: 'nhwc', width: 32, height: 16, pooling: 'none' })
    expect(manifest).toMatchObject({ input: { width: 32, height: 16, layout: 'nhwc' }, embedding: { output: 'y', pooling: 'none' }, dimension: 16 * 32 * 3 })
    expect(guesses.map((guess) => guess.field)).toEqual(['id', 'name', 'normalisation'])
  })

  it('refuses a choice the graph contradicts, before running it', async () => {
    const greyMap = smallModel({
      nodes: [{ op: 'ReduceMean', inputs: ['x'], outputs: ['grey'], name: 'mean', attributes: [{ name: 'axes', ints: [1] }, { name: 'keepdims', int: 0 }] }],
      inputs: [{ name: 'x', dims: [1, 3, 8, 8] }],
      outputs: [{ name: 'grey', dims: [1, 8, 8] }],
    })
    const file = await writeOnnx(dir, 'choices-grey.onnx', greyMap)
    // No output is proposed for it, but a 3-d output taken as it is can be chosen.
    expect((await inspectOnnxModel(file, { output: 'grey' })).manifest).toMatchObject({ embedding: { output: 'grey', pooling: 'none' }, dimension: 64 })
    const refused = (choices: OnnxChoices) => refusedFor(file, choices)
    expect(await refused({ output: 'grey', pooling: 'avg' })).toMatchObject({
      code: 'invalid-manifest',
      reason: `${file} does not fit what was chosen: its output "grey" is [1, 8, 8], not a 4-d feature map to average over its positions.`,
    })
    expect((await refused({ height: 9 }))?.reason).toContain('its input [1, 3, 8, 8] fixes the height at 8, so it cannot be 9')
    expect((await refused({ layout: 'nhwc' }))?.reason).toContain('in the order NHWC its input [1, 3, 8, 8] would have 8 channels, not 3')

    // An output whose shape the graph leaves out is checked once a blank image has shown it.
    const vector = smallModel({
      nodes: [{ op: 'ReduceMean', inputs: ['x'], outputs: ['total'], name: 'mean', attributes: [{ name: 'axes', ints: [2, 3] }, { name: 'keepdims', int: 0 }] }],
      inputs: [{ name: 'x', dims: [1, 3, 8, 8] }],
      outputs: [{ name: 'total', dims: [] }],
    })
    const open = await writeOnnx(dir, 'choices-open-output.onnx', vector)
    expect((await inspectOnnxModel(open, { output: 'total' })).manifest).toMatchObject({ embedding: { pooling: 'none' }, dimension: 3 })
    expect((await refusedFor(open, { output: 'total', pooling: 'avg' }))?.reason).toContain(
      'its output "total" is [1, 3], not a 4-d feature map',
    )
  })
})

describe('graphs that fix their batch size, in either layout', () => {
  const images = async (): Promise<string[]> =>
    (await readdir(COCO_IMAGES))
      .filter((name) => name.endsWith('.jpg'))
      .sort()
      .slice(0, 5)
      .map((name) => join(COCO_IMAGES, name))

  it.each([
    ['nhwc', [1, 8, 8, 3]],
    ['nchw', [2, 3, 8, 8]],
  ] as const)('%s %j: batches go in blocks (the last one padded); the averaged map is each image’s mean colour', async (layout, dims) => {
    const store = new ModelStore(join(await tempDir('loupe-onnx-batch-'), 'models'))
    const draft: ModelManifestDraft = {
      manifestVersion: 1,
      id: `relu-${layout}`,
      name: `Relu ${layout}`,
      format: 'onnx',
      input: { width: 8, height: 8, channels: 3, name: 'x', layout },
      normalisation: { scale: 1 / 255, offset: 0 },
      embedding: { output: 'y', pooling: 'avg' },
      dimension: 3,
      sourceUrl: null,
    }
    const model = await store.addModelFromFile(await writeOnnx(dir, `relu-${layout}.onnx`, reluModel([...dims])), { manifest: draft })
    const paths = await images()
    const engine = await EmbeddingEngine.start({ modelDir: model.dir, manifest: model.manifest, backends: ['onnxruntime'] })
    try {
      const vectors = await engine.embed(await preprocessBatch(paths, model.manifest), paths.length)
      for (const [index, path] of paths.entries()) {
        const pixels = await preprocessImage(path, model.manifest)
        const mean = [0, 1, 2].map((channel) => pixels.filter((_, at) => at % 3 === channel).reduce((sum, value) => sum + value, 0) / 64)
        const norm = Math.hypot(...mean)
        expect([...vectors[index]!].map((value) => value.toFixed(5))).toEqual(mean.map((value) => (value / norm).toFixed(5)))
      }
    } finally {
      await engine.close()
    }
  })
})

describe('the manifest for the onnx format', () => {
  const onnx = {
    ...DEFAULT_MODEL_MANIFEST,
    format: 'onnx',
    modelFile: 'model.onnx',
    input: { width: 224, height: 224, channels: 3, name: 'image', layout: 'nhwc' },
    weights: [{ path: 'model.onnx', sha256: 'a'.repeat(64) }],
  }

  it('needs the input name and layout, and lists exactly its model file', () => {
    expect(ModelManifest.safeParse(onnx).success).toBe(true)
    const issues = (value: unknown): string[] => {
      const parsed = ModelManifest.safeParse(value)
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    }
    expect(issues({ ...onnx, input: { width: 224, height: 224, channels: 3 } })).toEqual([
      'input.name: is required for an ONNX model: the graph input that takes the image',
      'input.layout: is required for an ONNX model: "nhwc" or "nchw"',
    ])
    expect(issues({ ...onnx, weights: [...onnx.weights, { path: 'model.onnx.data', sha256: 'b'.repeat(64) }] })).toEqual([
      'weights: an ONNX model lists exactly its model file (model.onnx) with its SHA-256',
    ])
    expect(issues({ ...onnx, input: { ...onnx.input, layout: 'chw' } })).toHaveLength(1)
    expect(issues({ ...DEFAULT_MODEL_MANIFEST, input: { ...DEFAULT_MODEL_MANIFEST.input, layout: 'nhwc' } })).toEqual([
      'input.layout: is for ONNX models only (TensorFlow.js models take NHWC)',
    ])
  })

  it('leaves version-1 manifests as they were: the shared models’ manifest.json files still parse unchanged', async () => {
    for (const id of ['mobilenet-v1-1.0-224', 'mobilenet-v2-1.0-224']) {
      const json = JSON.parse(await readFile(resolve(REPO_ROOT, '..', 'shared', 'models', id, 'manifest.json'), 'utf8')) as unknown
      expect(ModelManifest.parse(json)).toEqual(json)
    }
  })
})
