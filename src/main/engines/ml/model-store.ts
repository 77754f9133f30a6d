import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, realpath, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { firstLine, messageOf, ModelError } from './errors'
import { ModelManifest, type ModelManifestDraft } from './manifest'
import { factsOfKnownModel, identifyKnownFile } from './known-models'
import type { ModelFileFacts } from './model-file-facts'
import { buildModelFolderFromFile } from './model-file-import'
import { identifyBuiltIn, MANIFEST_FILE, readManifestFile, verifyModelFolder, writeManifest } from './model-files'

/** A model in the store, verified (model.json parses, weight files present with the manifest's SHA-256). */
export interface InstalledModel {
  id: string
  /** The model's folder in the store: what `EmbeddingEngine.start({ modelDir })` takes. */
  dir: string
  manifest: ModelManifest
}

export type ModelListing = InstalledModel | { id: string; dir: string; error: ModelError }

const TEMP_PREFIX = '.incoming-'

/**
 * The user's models: one folder per model under `dir` (LOUPE_MODELS_DIR or the user-data folder's `models/`, shared by
 * every workspace), named by the manifest's id
 * and holding manifest.json with model.json and the weight files, or with model.onnx. Models come in only verified,
 * through a temporary folder inside `dir` that is renamed into place, so a reader never sees half a model. The product
 * never reads models from anywhere else.
 */
export class ModelStore {
  readonly dir: string

  constructor(dir: string) {
    this.dir = resolve(dir)
  }

  pathOf(id: string): string {
    return join(this.dir, id)
  }

  /** Installed models, each verified; a broken one is listed with its error instead of its manifest. */
  async list(): Promise<ModelListing[]> {
    let names: string[]
    try {
      names = (await readdir(this.dir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort()
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      throw error
    }
    const listing: ModelListing[] = []
    for (const id of names) {
      try {
        listing.push(await this.open(id))
      } catch (error) {
        if (!(error instanceof ModelError)) throw error
        listing.push({ id, dir: this.pathOf(id), error })
      }
    }
    return listing
  }

  /** Ids of the folders holding a manifest, without verifying them: cheap enough to call when opening a workspace. */
  installedIds(): string[] {
    try {
      return readdirSync(this.dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(join(this.dir, entry.name, MANIFEST_FILE)))
        .map((entry) => entry.name)
        .sort()
    } catch {
      return []
    }
  }

  async has(id: string): Promise<boolean> {
    try {
      return (await stat(join(this.pathOf(id), MANIFEST_FILE))).isFile()
    } catch {
      return false
    }
  }

  /** The verified model, or a ModelError saying what is wrong and how to add the model. */
  async open(id: string): Promise<InstalledModel> {
    const dir = this.pathOf(id)
    let manifest: ModelManifest | null
    try {
      manifest = await readManifestFile(dir)
    } catch (error) {
      if (error instanceof ModelError) throw new ModelError(error.code, `Model "${id}" in ${dir} is damaged: ${error.reason}`, { modelId: id })
      throw error
    }
    if (!manifest) {
      throw new ModelError('not-installed', `Model "${id}" is not installed (nothing at ${dir}).`, { modelId: id })
    }
    if (manifest.id !== id) {
      throw new ModelError('invalid-manifest', `The manifest in ${dir} is for model "${manifest.id}", not "${id}".`, { modelId: id })
    }
    await verifyModelFolder(dir, manifest)
    return { id, dir, manifest }
  }

  /**
   * Installs what a person points at: a TensorFlow.js model folder, or a model file (.onnx as it is, .tflite converted
   * to a TensorFlow.js layers model). `facts` names a model added from a file; otherwise a sidecar manifest or its file
   * name does.
   */
  async addModel(source: string, options: { facts?: ModelFileFacts } = {}): Promise<InstalledModel> {
    const from = resolve(source)
    let facts
    try {
      facts = await stat(from)
    } catch (error) {
      throw new ModelError('missing-model-file', `Cannot read the model at ${from}: ${firstLine(messageOf(error))}.`)
    }
    if (facts.isDirectory()) return this.addModelFromFolder(from)
    // A published file Loupe knows keeps its known id and name, however the file was renamed on the way.
    const known = options.facts ? undefined : await identifyKnownFile(from, facts.size)
    return this.addModelFromFile(from, known ? { facts: factsOfKnownModel(known) } : options)
  }

  /**
   * Verifies a model folder and copies it into the store (replacing an installed model of the same id). The manifest
   * is, in order: `options.manifest`, the folder's manifest.json, or a built-in manifest whose weight hashes match.
   */
  async addModelFromFolder(source: string, options: { manifest?: ModelManifest } = {}): Promise<InstalledModel> {
    const from = resolve(source)
    let facts
    try {
      facts = await stat(from)
    } catch (error) {
      throw new ModelError('missing-model-file', `Cannot read the model folder ${from}: ${firstLine(messageOf(error))}.`)
    }
    if (!facts.isDirectory()) throw new ModelError('missing-model-file', `${from} is not a folder.`)

    const manifest = options.manifest
      ? ModelManifest.parse(options.manifest)
      : ((await readManifestFile(from)) ?? (await identifyBuiltIn(from)))
    await verifyModelFolder(from, manifest)

    const dest = this.pathOf(manifest.id)
    if ((await sameDirectory(from, dest)) && (await this.has(manifest.id))) return this.open(manifest.id)

    const temp = await this.makeTemp()
    try {
      const files = [manifest.modelFile, ...manifest.weights.map((weight) => weight.path)]
      for (const file of files) {
        await mkdir(dirname(join(temp, file)), { recursive: true })
        await copyFile(join(from, file), join(temp, file))
      }
      await writeManifest(temp, manifest)
      // The copies are hashed again: a source that changed while being copied must not get in.
      await verifyModelFolder(temp, manifest)
      await this.moveIntoPlace(temp, dest)
    } finally {
      await rm(temp, { recursive: true, force: true })
    }
    return { id: manifest.id, dir: dest, manifest }
  }

  /**
   * Adds a model that comes as one file (an .onnx backbone; the kinds are in model-file-import.ts), built into a model
   * folder of its own and verified like any other (replacing an installed model of the same id). The manifest is, in
   * order: `options.manifest` (its modelFile and weights may be left out: they are filled in from the file), a sidecar
   * (`<file>.json`, or a manifest.json beside the file whose modelFile names it), or what inspecting the file proposes.
   */
  async addModelFromFile(source: string, options: { manifest?: ModelManifestDraft; facts?: ModelFileFacts } = {}): Promise<InstalledModel> {
    const from = resolve(source)
    let facts
    try {
      facts = await stat(from)
    } catch (error) {
      throw new ModelError('missing-model-file', `Cannot read the model file ${from}: ${firstLine(messageOf(error))}.`, { file: from })
    }
    if (!facts.isFile()) throw new ModelError('missing-model-file', `${from} is not a file.`, { file: from })

    const temp = await this.makeTemp()
    try {
      const manifest = await buildModelFolderFromFile(from, temp, options.manifest, options.facts)
      await verifyModelFolder(temp, manifest)
      const dest = this.pathOf(manifest.id)
      await this.moveIntoPlace(temp, dest)
      return { id: manifest.id, dir: dest, manifest }
    } finally {
      await rm(temp, { recursive: true, force: true })
    }
  }

  async remove(id: string): Promise<void> {
    const dest = this.pathOf(id)
    const trash = join(this.dir, `.removed-${randomBytes(6).toString('hex')}`)
    try {
      await rename(dest, trash)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return
      throw error
    }
    await rm(trash, { recursive: true, force: true })
  }

  private async makeTemp(): Promise<string> {
    await mkdir(this.dir, { recursive: true })
    return mkdtemp(join(this.dir, TEMP_PREFIX))
  }

  /** Renames a complete folder to `dest`, swapping out a model already there (restored if the swap fails). */
  private async moveIntoPlace(temp: string, dest: string): Promise<void> {
    try {
      await rename(temp, dest)
      return
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw error
    }
    const previous = join(this.dir, `.replaced-${randomBytes(6).toString('hex')}`)
    await rename(dest, previous)
    try {
      await rename(temp, dest)
    } catch (error) {
      await rename(previous, dest)
      throw error
    }
    await rm(previous, { recursive: true, force: true })
  }
}

async function sameDirectory(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b))
  } catch {
    return false
  }
}
