import { readFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { firstLine, messageOf, ModelError } from './errors'
import { ModelManifestDraft, type ModelManifest } from './manifest'
import { MANIFEST_FILE, summariseIssues } from './model-files'
import { inspectOnnxModel } from './onnx-inspect'
import type { ModelFileFacts } from './model-file-facts'
import { writeOnnxModelFolder } from './onnx-model-folder'
import { writeTfliteModelFolder } from './tflite-model-folder'

/**
 * A model that comes as one file rather than a folder: which kind it is goes by its extension, each kind building a
 * model folder of its own from the file and a manifest draft (or, without one, from what it can read in the file).
 * Another kind of file is one more entry in FILE_KINDS.
 */

/** Builds a model folder in `dir` from `source`; `draft` null: the file's own proposal. */
type FolderBuilder = (source: string, dir: string, draft: ModelManifestDraft | null, facts?: ModelFileFacts) => Promise<ModelManifest>

const FILE_KINDS: ReadonlyMap<string, FolderBuilder> = new Map<string, FolderBuilder>([
  [
    '.onnx',
    async (source, dir, draft, facts) => {
      const manifest = draft ?? (await inspectOnnxModel(source)).manifest
      return writeOnnxModelFolder(source, dir, facts ? { ...manifest, id: facts.id, name: facts.name, ...(facts.licence ? { licence: facts.licence } : {}) } : manifest)
    },
  ],
  ['.tflite', writeTfliteModelFolder],
])

/**
 * Builds a model folder in `dir` (empty, the caller's) from the model file `source` and returns its manifest. The
 * draft is `draft` if given, else a sidecar: `<file>.json`, or a manifest.json beside the file whose modelFile names it.
 */
export async function buildModelFolderFromFile(source: string, dir: string, draft?: ModelManifestDraft, facts?: ModelFileFacts): Promise<ModelManifest> {
  const extension = extname(source).toLowerCase()
  const build = FILE_KINDS.get(extension)
  if (!build) {
    const kinds = [...FILE_KINDS.keys()].join(' and ')
    throw new ModelError(
      'unparsable-model',
      `${source} is not a model file Loupe reads: it adds ${kinds} files, and TensorFlow.js model folders (model.json with its weight files).`,
      { file: source },
    )
  }
  const given = draft === undefined ? await readSidecar(source) : parseDraft(draft, `The manifest given for ${source}`, source)
  return build(source, dir, given, facts)
}

async function readSidecar(source: string): Promise<ModelManifestDraft | null> {
  const sidecar = await findSidecar(source)
  return sidecar && parseDraft(sidecar.json, sidecar.path, source)
}

/**
 * The sidecar manifest that describes the model file `source`, with its JSON (not yet checked as a manifest), or null
 * when it has none: `<file>.json`, else a manifest.json beside the file that names it as its modelFile.
 */
export async function findSidecar(source: string): Promise<{ path: string; json: unknown } | null> {
  const own = `${source}.json`
  const ownJson = await readJson(own)
  if (ownJson !== undefined) return { path: own, json: ownJson }
  const beside = join(dirname(source), MANIFEST_FILE)
  const besideJson = await readJson(beside)
  // A manifest.json beside the file may describe another model in the same folder: it counts only if it names this file.
  if (besideJson === undefined || (besideJson as { modelFile?: unknown } | null)?.modelFile !== basename(source)) return null
  return { path: beside, json: besideJson }
}

/** The parsed JSON of `path`, or undefined when there is no such file. */
async function readJson(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new ModelError('invalid-manifest', `Cannot read ${path}: ${firstLine(messageOf(error))}.`, { file: path })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new ModelError('invalid-manifest', `${path} is not valid JSON (${firstLine(messageOf(error))}).`, { file: path })
  }
}

function parseDraft(json: unknown, where: string, source: string): ModelManifestDraft {
  const parsed = ModelManifestDraft.safeParse(json)
  if (!parsed.success) {
    throw new ModelError('invalid-manifest', `${where} is not a valid model manifest (${summariseIssues(parsed.error)}).`, { file: source })
  }
  return parsed.data
}
