import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { firstLine, messageOf, ModelError } from './errors'
import { BUILT_IN_MANIFESTS, ModelManifest, RelativeFile } from './manifest'

/**
 * Reading and checking a model folder (model.json + weight files + manifest.json, or model.onnx + manifest.json). Node
 * only, no TensorFlow: used by the store on the main side and by the worker before it hands the bytes to a runtime.
 */

export const MANIFEST_FILE = 'manifest.json'

/** The part of a TensorFlow.js model.json that Loupe relies on; everything else is passed through untouched. */
const ModelJsonShape = z.looseObject({
  format: z.string().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.looseObject({ paths: z.array(RelativeFile).min(1), weights: z.array(z.unknown()) })),
})
export type ModelJson = z.infer<typeof ModelJsonShape>

const FORMAT_OF_MODEL_JSON: Readonly<Record<string, ModelManifest['format']>> = {
  'layers-model': 'layers',
  'graph-model': 'graph',
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/** model.json of `dir`, parsed and shape-checked. */
export async function readModelJson(dir: string, modelFile = 'model.json', modelId?: string): Promise<ModelJson> {
  const path = join(dir, modelFile)
  const details = { ...(modelId ? { modelId } : {}), file: path }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isMissing(error)) throw new ModelError('missing-model-file', `No ${modelFile} in the model folder ${dir}.`, details)
    throw new ModelError('missing-model-file', `Cannot read ${path}: ${firstLine(messageOf(error))}.`, details)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ModelError('unparsable-model', `${path} is not valid JSON (${firstLine(messageOf(error))}).`, details)
  }
  const parsed = ModelJsonShape.safeParse(json)
  if (!parsed.success) {
    throw new ModelError(
      'unparsable-model',
      `${path} is not a TensorFlow.js model description (${summariseIssues(parsed.error)}).`,
      details,
    )
  }
  return parsed.data
}

/** The weight files model.json refers to, in the order their bytes are concatenated. */
export function weightFilesOf(modelJson: ModelJson): string[] {
  return [...new Set(modelJson.weightsManifest.flatMap((group) => group.paths))]
}

/** manifest.json of `dir`, or null when the folder has none. */
export async function readManifestFile(dir: string): Promise<ModelManifest | null> {
  const path = join(dir, MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isMissing(error)) return null
    throw new ModelError('invalid-manifest', `Cannot read ${path}: ${firstLine(messageOf(error))}.`, { file: path })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ModelError('invalid-manifest', `${path} is not valid JSON (${firstLine(messageOf(error))}).`, { file: path })
  }
  const parsed = ModelManifest.safeParse(json)
  if (!parsed.success) {
    throw new ModelError('invalid-manifest', `${path} is not a valid model manifest (${summariseIssues(parsed.error)}).`, {
      file: path,
    })
  }
  return parsed.data
}

export function summariseIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'top level'
    return `${where}: ${issue.message}`
  })
  if (error.issues.length > max) parts.push(`${error.issues.length - max} more`)
  return parts.join('; ')
}

/** Checks that model.json's format and weight files agree with the manifest (no file access beyond model.json). */
export function checkModelJsonAgainstManifest(modelJson: ModelJson, manifest: ModelManifest, dir: string): void {
  const details = { modelId: manifest.id }
  const declared = modelJson.format ? FORMAT_OF_MODEL_JSON[modelJson.format] : undefined
  if (declared && declared !== manifest.format) {
    throw new ModelError(
      'invalid-manifest',
      `${join(dir, manifest.modelFile)} is a ${modelJson.format}, but the manifest of "${manifest.name}" says format "${manifest.format}".`,
      details,
    )
  }
  const listed = new Set(manifest.weights.map((weight) => weight.path))
  const referenced = weightFilesOf(modelJson)
  const unlisted = referenced.filter((path) => !listed.has(path))
  if (unlisted.length > 0) {
    throw new ModelError(
      'invalid-manifest',
      `${manifest.modelFile} refers to ${unlisted.join(', ')}, which the manifest of "${manifest.name}" does not list with a SHA-256.`,
      details,
    )
  }
  const unused = manifest.weights.filter((weight) => !referenced.includes(weight.path)).map((weight) => weight.path)
  if (unused.length > 0) {
    throw new ModelError(
      'invalid-manifest',
      `The manifest of "${manifest.name}" lists ${unused.join(', ')}, which ${manifest.modelFile} does not use.`,
      details,
    )
  }
}

export function hashMismatch(manifest: ModelManifest, file: string, actual: string, expected: string, context = ''): ModelError {
  return new ModelError(
    'hash-mismatch',
    `${file}${context} does not match "${manifest.name}": its SHA-256 is ${actual}, expected ${expected}. The file is damaged, ` +
      'incomplete or belongs to another model.',
    { modelId: manifest.id, file },
  )
}

export async function writeManifest(dir: string, manifest: ModelManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}

/**
 * Full check of a model folder against its manifest: model.json parses and agrees with the manifest (TensorFlow.js
 * formats), every weight file is present and has the manifest's SHA-256 (an ONNX model's file is its one weight file).
 */
export async function verifyModelFolder(dir: string, manifest: ModelManifest): Promise<void> {
  if (manifest.format !== 'onnx') checkModelJsonAgainstManifest(await readModelJson(dir, manifest.modelFile, manifest.id), manifest, dir)
  for (const weight of manifest.weights) {
    const path = join(dir, weight.path)
    const [code, what] = weight.path === manifest.modelFile ? (['missing-model-file', 'model file'] as const) : (['missing-weights', 'weight file'] as const)
    try {
      const facts = await stat(path)
      if (!facts.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' })
    } catch (error) {
      if (isMissing(error)) {
        throw new ModelError(code, `The ${what} ${weight.path} of "${manifest.name}" is missing from ${dir}.`, { modelId: manifest.id, file: path })
      }
      throw new ModelError(code, `Cannot read ${path}: ${firstLine(messageOf(error))}.`, { modelId: manifest.id, file: path })
    }
    const actual = await sha256File(path)
    if (actual !== weight.sha256) throw hashMismatch(manifest, path, actual, weight.sha256)
  }
}

/**
 * The manifest for a folder that has no manifest.json: a built-in model whose weight files (names and hashes) are the
 * folder's. A folder that looks like a built-in (same weight file names) but whose bytes differ gets a hash-mismatch
 * error naming that model; anything else needs a manifest.json.
 */
export async function identifyBuiltIn(dir: string): Promise<ModelManifest> {
  const modelJson = await readModelJson(dir)
  const files = weightFilesOf(modelJson)
  // A lookalike: same weight file names, and model.json describes as many weight bytes as the built-in has.
  const described = describedWeightBytes(modelJson)
  const sameNames = BUILT_IN_MANIFESTS.filter(
    (manifest) =>
      manifest.modelFile === 'model.json' &&
      manifest.weights.length === files.length &&
      manifest.weights.every((weight) => files.includes(weight.path)) &&
      described !== null &&
      described === manifest.weights.reduce((sum, weight) => sum + (weight.bytes ?? Number.NaN), 0),
  )
  const hashes = new Map<string, string>()
  for (const path of files) {
    try {
      hashes.set(path, await sha256File(join(dir, path)))
    } catch (error) {
      if (!isMissing(error)) throw error
      const likely = sameNames[0]
      throw new ModelError(
        'missing-weights',
        `The weight file ${path} that ${join(dir, 'model.json')} refers to is missing${likely ? ` (expected for "${likely.name}")` : ''}.`,
        { file: join(dir, path) },
      )
    }
  }
  const match = sameNames.find((manifest) => manifest.weights.every((weight) => hashes.get(weight.path) === weight.sha256))
  if (match) return match
  const [lookalike] = sameNames
  if (sameNames.length === 1 && lookalike) {
    const wrong = lookalike.weights.find((weight) => hashes.get(weight.path) !== weight.sha256)
    if (wrong) {
      throw hashMismatch(lookalike, join(dir, wrong.path), hashes.get(wrong.path) ?? '?', wrong.sha256, ' (folder without manifest.json)')
    }
  }
  throw new ModelError(
    'invalid-manifest',
    `${dir} has no ${MANIFEST_FILE}, and its weights are not those of a model Loupe knows ` +
      `(${BUILT_IN_MANIFESTS.map((manifest) => manifest.name).join(', ')}). Put a ${MANIFEST_FILE} describing the model in the folder.`,
  )
}

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 }

/** Bytes of weight data model.json's weight specs describe (after quantization), or null if it cannot tell. */
export function describedWeightBytes(modelJson: ModelJson): number | null {
  let total = 0
  for (const group of modelJson.weightsManifest) {
    for (const spec of group.weights) {
      const entry = spec as { shape?: unknown; dtype?: unknown; quantization?: { dtype?: unknown } }
      const dtype = entry.quantization?.dtype ?? entry.dtype
      const size = typeof dtype === 'string' ? DTYPE_BYTES[dtype] : undefined
      if (!Array.isArray(entry.shape) || size === undefined) return null
      total += entry.shape.reduce((product: number, dim: unknown) => product * (typeof dim === 'number' ? dim : Number.NaN), 1) * size
    }
  }
  return Number.isFinite(total) ? total : null
}
