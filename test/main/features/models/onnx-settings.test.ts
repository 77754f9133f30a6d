import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import type { OnnxSettings } from '../../../../src/shared/api/schemas'
import { loupeJson, runLoupe } from '../../../support/cli'
import { MOBILENET_DIR, SHARED_MODELS, tempDir } from '../../../support/paths'
import { mobilenetOnnx, nchwVariant, reluModel, writeOnnx } from '../../engines/ml/onnx-files'

/**
 * Confirming what an .onnx file does not say, through the API boundary: `models.inspect` proposes the settings and
 * lists the guesses, `models.add` with `onnx` installs the file with the settings a person confirmed, checked against
 * the graph. Real files: the shared MobileNetV2 0.35 converted by the product's converter, behind an NCHW input.
 */

/** The three outputs of the NCHW file: the 2-d embedding and the last feature map in both orders. */
const NCHW_OUTPUTS = [
  { name: 'embedding', shape: ['batch', 1280] },
  { name: 'feature:out_relu', shape: ['batch', 7, 7, 1280] },
  { name: 'features_nchw', shape: ['batch', 1280, 7, 7] },
]
const IMAGENET = { scale: [1 / (255 * 0.229), 1 / (255 * 0.224), 1 / (255 * 0.225)], offset: [-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225] }

let loupe: Loupe
let modelsDir: string
let files: string
let nchwFile: string
/** A feature-map graph that takes any image size: x [n, 3, h, w] → Relu → y. */
let anySizeFile: string

beforeAll(async () => {
  modelsDir = await tempDir('loupe-models-')
  loupe = await openLoupe({ workspaceDir: await tempDir('loupe-ws-'), modelsDir })
  files = await tempDir('loupe-onnx-settings-')
  nchwFile = await writeOnnx(files, 'mobilenet-nchw.onnx', nchwVariant(await mobilenetOnnx()))
  anySizeFile = await writeOnnx(files, 'any-size.onnx', reluModel(['n', 3, 'h', 'w']))
})

afterAll(async () => loupe?.close())

const installed = async () => (await loupe.client.api.models.list({})).map((model) => model.id)
const storedManifest = async (id: string) => JSON.parse(await readFile(join(modelsDir, id, 'manifest.json'), 'utf8')) as Record<string, unknown>

/** The settings of the NCHW file as a person would confirm them unchanged. */
const confirmed: OnnxSettings = {
  width: 224,
  height: 224,
  layout: 'nchw',
  normalisation: { scale: 1 / 127.5, offset: -1 },
  output: 'embedding',
  pooling: 'none',
}

describe('models.inspect', () => {
  it('proposes settings for an NCHW file: its layout and size from the graph, the rest marked as guessed', async () => {
    const inspection = await loupe.client.api.models.inspect({ path: nchwFile })
    expect(inspection).toMatchObject({
      kind: 'onnx',
      sidecar: null,
      proposal: { id: 'mobilenet-nchw', name: 'mobilenet-nchw', ...confirmed, dimension: 1280 },
      input: { name: 'pixels', shape: ['batch', 3, 224, 224] },
      outputs: NCHW_OUTPUTS,
    })
    expect(inspection.guesses.map((guess) => guess.field)).toEqual(['id', 'name', 'output', 'normalisation'])
    expect(inspection.guesses.find((guess) => guess.field === 'output')?.why).toContain('"embedding", "feature:out_relu", "features_nchw"')
    expect(inspection.guesses.find((guess) => guess.field === 'normalisation')?.why).toContain('ImageNet mean')
  })

  it('marks the size as guessed when the graph takes any size', async () => {
    const { proposal, guesses } = await loupe.client.api.models.inspect({ path: anySizeFile })
    expect(proposal).toMatchObject({ width: 224, height: 224, layout: 'nchw', output: 'y', pooling: 'avg', dimension: 3 })
    expect(guesses.map((guess) => guess.field)).toEqual(expect.arrayContaining(['width', 'height']))
    expect(guesses.find((guess) => guess.field === 'width')?.why).toContain('accepts any width')
  })

  it('has nothing to ask of a model folder, a .tflite file or an .onnx file with its own manifest', async () => {
    const nothing = { proposal: null, sidecar: null, input: null, outputs: [], guesses: [] }
    expect(await loupe.client.api.models.inspect({ path: MOBILENET_DIR })).toEqual({ kind: 'folder', ...nothing })
    const tflite = join(SHARED_MODELS, 'tflite', 'mobilenet_v2_1.0_224_quant.tflite')
    expect(await loupe.client.api.models.inspect({ path: tflite })).toEqual({ kind: 'tflite', ...nothing })

    const described = await tempDir('loupe-onnx-sidecar-')
    const file = await writeOnnx(described, 'net.onnx', await readFile(nchwFile))
    await writeFile(`${file}.json`, JSON.stringify({ manifestVersion: 1, id: 'net' }))
    expect(await loupe.client.api.models.inspect({ path: file })).toEqual({ kind: 'onnx', ...nothing, sidecar: `${file}.json` })
  })

  it('refuses in words what it cannot read', async () => {
    const refused = (path: string) => loupe.client.api.models.inspect({ path }).then(() => null, (error: unknown) => error)
    expect(await refused('model.onnx')).toMatchObject({ code: 'bad_request', message: 'The model folder or file must be an absolute path, not "model.onnx".' })
    expect(await refused(join(files, 'missing.onnx'))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('there is nothing there') })
    const text = join(files, 'notes.txt')
    await writeFile(text, 'not a model')
    expect(await refused(text)).toMatchObject({ code: 'bad_request', message: `${text} is neither a model folder nor an .onnx or .tflite file.` })
    const junk = await writeOnnx(files, 'junk.onnx', new Uint8Array(64).fill(7))
    expect(await refused(junk)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('is not an ONNX model onnxruntime can load') })
    expect(await installed()).toEqual([])
  })
})

describe('models.add with confirmed settings', () => {
  it('refuses settings the file contradicts, with the reason, and installs nothing', async () => {
    const refusal = (onnx: Partial<OnnxSettings> & Record<string, unknown>, path = nchwFile) =>
      loupe.client.api.models.add({ path, onnx: { ...confirmed, ...onnx } as OnnxSettings }).then(
        () => null,
        (error: unknown) => error as { code: string; message: string },
      )
    // The reason alone, without the usual hint on how to get a model: the person has the file in hand.
    const contradicts = (why: string) => ({ code: 'bad_request', message: `${nchwFile} does not fit what was chosen: ${why}.` })

    expect(await refusal({ output: 'logits' })).toMatchObject(
      contradicts('it has no output "logits"; its outputs are "embedding", "feature:out_relu", "features_nchw"'),
    )
    expect(await refusal({ width: 320 })).toMatchObject(contradicts('its input [batch, 3, 224, 224] fixes the width at 224, so it cannot be 320'))
    expect(await refusal({ layout: 'nhwc' })).toMatchObject(contradicts('in the order NHWC its input [batch, 3, 224, 224] would have 224 channels, not 3'))
    expect(await refusal({ pooling: 'avg' })).toMatchObject(
      contradicts('its output "embedding" is [batch, 1280], not a 4-d feature map to average over its positions'),
    )
    // Refused at the boundary, before the file is read.
    expect(await refusal({ height: 0 })).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/Invalid request to models\.add:.*at least 1 pixel.*onnx\.height/s) })
    expect(await refusal({ normalisation: { scale: 0, offset: 0 } })).toMatchObject({ code: 'bad_request', message: expect.stringContaining('must not be 0') })
    expect(await refusal({ dimension: 12 })).toMatchObject({ code: 'bad_request', message: expect.stringContaining('dimension') })
    expect(await refusal({}, MOBILENET_DIR)).toMatchObject({
      code: 'bad_request',
      message: `Settings for an ONNX model were given, but ${MOBILENET_DIR} is not an .onnx file.`,
    })

    expect(await installed()).toEqual([])
    expect((await readdir(modelsDir)).filter((name) => !name.startsWith('.'))).toEqual([])
  })

  it('installs the NCHW file with a changed normalisation and another output, as confirmed', async () => {
    const model = await loupe.client.api.models.add({
      path: nchwFile,
      onnx: { ...confirmed, id: 'nchw-confirmed', name: 'MobileNet, confirmed', normalisation: IMAGENET, output: 'features_nchw', pooling: 'avg' },
    } as { path: string; onnx: OnnxSettings })
    expect(model).toEqual({ id: 'nchw-confirmed', name: 'MobileNet, confirmed', dimension: 1280, problem: null, active: true })
    expect(await storedManifest('nchw-confirmed')).toMatchObject({
      format: 'onnx',
      input: { width: 224, height: 224, channels: 3, name: 'pixels', layout: 'nchw' },
      normalisation: IMAGENET,
      embedding: { output: 'features_nchw', pooling: 'avg' },
      dimension: 1280,
    })
    expect((await loupe.client.api.search.status({})).modelProblem).toBeNull()
  })

  it('takes a confirmed size where the graph leaves it open, and the embedding length follows the chosen output', async () => {
    const model = await loupe.client.api.models.add({
      path: anySizeFile,
      onnx: { ...confirmed, width: 64, height: 48, output: 'y', pooling: 'none', normalisation: { scale: 1 / 255, offset: 0 } },
    })
    // Taken as it is, the [n, 3, h, w] map is 3 × 48 × 64 values per image (found by running the graph once).
    expect(model).toMatchObject({ id: 'any-size', dimension: 3 * 48 * 64, problem: null })
    expect(await storedManifest('any-size')).toMatchObject({
      input: { width: 64, height: 48, layout: 'nchw' },
      normalisation: { scale: 1 / 255, offset: 0 },
      embedding: { output: 'y', pooling: 'none' },
    })
  })

  it('without settings, adds the file with the inspected proposal as before', async () => {
    expect(await loupe.client.api.models.add({ path: nchwFile })).toMatchObject({ id: 'mobilenet-nchw', dimension: 1280, problem: null })
    expect(await storedManifest('mobilenet-nchw')).toMatchObject({
      normalisation: { scale: 1 / 127.5, offset: -1 },
      embedding: { output: 'embedding', pooling: 'none' },
    })
  })
})

describe('loupe models inspect', () => {
  it('prints the proposal and what was guessed, or the same as JSON', async () => {
    const place = ['--workspace', await tempDir('loupe-ws-'), '--models', await tempDir('loupe-models-')]
    const json = loupeJson<{ kind: string; proposal: { layout: string } }>(...place, 'models', 'inspect', nchwFile)
    expect(json).toMatchObject({ kind: 'onnx', proposal: { layout: 'nchw', output: 'embedding' } })

    const human = runLoupe(...place, 'models', 'inspect', nchwFile)
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toContain(`${nchwFile} is an ONNX model.`)
    expect(human.stdout).toContain('Input: "pixels" [batch, 3, 224, 224]')
    expect(human.stdout).toMatch(/layout {9}NCHW\n/)
    expect(human.stdout).toMatch(/normalisation {2}pixel × 0\.00784314 \+ -1 {2}\(guessed\)/)
    expect(human.stdout).toContain('  output: several outputs could be the embedding')

    const folder = runLoupe(...place, 'models', 'inspect', MOBILENET_DIR)
    expect(folder.stdout).toContain('is a model folder, which says what Loupe needs to know')
    const missing = runLoupe(...place, 'models', 'inspect', join(files, 'missing.onnx'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('there is nothing there')
    expect(runLoupe(...place, 'models', 'inspect').code).toBe(2)
  })
})
