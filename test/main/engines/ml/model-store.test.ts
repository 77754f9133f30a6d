import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_MANIFEST, HOW_TO_ADD_MODEL, ModelError, ModelManifest, ModelStore, type ModelErrorCode } from '../../../../src/main/engines/ml'
import { tempDir } from '../../../support/paths'
import { copyOfSharedModel, SHARED_MODEL, sha256, storeWithDefaultModel, writeTinyModel } from './support'

async function emptyStore(): Promise<ModelStore> {
  return new ModelStore(join(await tempDir('loupe-ml-store-'), 'models'))
}

/** Runs `action`, expects a ModelError with `code`, and returns it. */
async function modelError(action: Promise<unknown>, code: ModelErrorCode): Promise<ModelError> {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ModelError)
  const modelErr = error as ModelError
  expect(modelErr.code, modelErr.message).toBe(code)
  // Every model error tells people how to add a model.
  expect(modelErr.message).toContain('loupe models add PATH')
  expect(modelErr.message).toContain(HOW_TO_ADD_MODEL)
  return modelErr
}

/** The store folder holds exactly these model folders and no temporary leftovers. */
async function expectStoreContents(store: ModelStore, ids: string[]): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(store.dir)
  } catch {
    entries = []
  }
  expect(entries.sort()).toEqual([...ids].sort())
}

describe('model manifest', () => {
  it('the built-in default is a valid manifest describing the shared MobileNetV2 files', async () => {
    expect(ModelManifest.parse(DEFAULT_MODEL_MANIFEST)).toEqual(DEFAULT_MODEL_MANIFEST)
    expect(DEFAULT_MODEL_MANIFEST).toMatchObject({
      id: DEFAULT_MODEL_ID,
      format: 'layers',
      input: { width: 224, height: 224, channels: 3 },
      normalisation: { scale: 1 / 127.5, offset: -1 },
      dimension: 1280,
    })
    const weights = await readFile(join(SHARED_MODEL, 'weights.bin'))
    expect(DEFAULT_MODEL_MANIFEST.weights).toEqual([{ path: 'weights.bin', sha256: sha256(weights), bytes: weights.byteLength }])
    expect(Object.isFrozen(DEFAULT_MODEL_MANIFEST.weights[0])).toBe(true)
  })

  it('rejects unsafe weight paths, bad hashes and bad ids', () => {
    const base = { ...DEFAULT_MODEL_MANIFEST }
    for (const path of ['../escape.bin', '/etc/passwd', 'a/../../b', 'dir\\file.bin', '']) {
      expect(ModelManifest.safeParse({ ...base, weights: [{ path, sha256: 'a'.repeat(64) }] }).success, path).toBe(false)
    }
    expect(ModelManifest.safeParse({ ...base, weights: [{ path: 'w.bin', sha256: 'ABC' }] }).success).toBe(false)
    expect(ModelManifest.safeParse({ ...base, id: '../models' }).success).toBe(false)
    expect(ModelManifest.safeParse({ ...base, format: 'onnx' }).success).toBe(false)
    expect(ModelManifest.safeParse({ ...base, normalisation: { scale: [1, 2], offset: 0 } }).success).toBe(false)
    expect(ModelManifest.safeParse({ ...base, normalisation: { scale: [1, 2, 3], offset: [0, 0, 0] } }).success).toBe(true)
  })
})

describe('ModelStore', () => {
  it('adds the shared default (no manifest.json there) by recognising its weights, and opens it verified', async () => {
    const { store } = await storeWithDefaultModel()
    const model = await store.open(DEFAULT_MODEL_ID)
    expect(model.id).toBe(DEFAULT_MODEL_ID)
    expect(model.dir).toBe(join(store.dir, DEFAULT_MODEL_ID))
    expect(model.manifest).toEqual(DEFAULT_MODEL_MANIFEST)
    expect((await readdir(model.dir)).sort()).toEqual(['manifest.json', 'model.json', 'weights.bin'])
    expect(ModelManifest.parse(JSON.parse(await readFile(join(model.dir, 'manifest.json'), 'utf8')))).toEqual(DEFAULT_MODEL_MANIFEST)
    expect(await store.has(DEFAULT_MODEL_ID)).toBe(true)
    const listing = await store.list()
    expect(listing.map((entry) => entry.id)).toEqual([DEFAULT_MODEL_ID])
    expect('manifest' in listing[0]!).toBe(true)
    await expectStoreContents(store, [DEFAULT_MODEL_ID])

    // Adding again replaces it in place; adding the store's own folder is a no-op.
    await store.addModelFromFolder(SHARED_MODEL)
    await store.addModelFromFolder(model.dir)
    await expectStoreContents(store, [DEFAULT_MODEL_ID])
    await expect(store.open(DEFAULT_MODEL_ID)).resolves.toMatchObject({ id: DEFAULT_MODEL_ID })
  })

  it('a model that is not installed is a not-installed error saying how to add one', async () => {
    const store = await emptyStore()
    const error = await modelError(store.open(DEFAULT_MODEL_ID), 'not-installed')
    expect(error.message).toContain(DEFAULT_MODEL_ID)
    expect(await store.list()).toEqual([])
  })

  it('wrong hash: a damaged copy of the default (no manifest) is refused and nothing is installed', async () => {
    const dir = await copyOfSharedModel()
    const weights = await readFile(join(dir, 'weights.bin'))
    weights[1000] = (weights[1000] as number) ^ 0xff
    await writeFile(join(dir, 'weights.bin'), weights)
    const store = await emptyStore()
    const error = await modelError(store.addModelFromFolder(dir), 'hash-mismatch')
    expect(error.message).toContain('weights.bin')
    expect(error.message).toContain(DEFAULT_MODEL_MANIFEST.weights[0]!.sha256)
    // A truncated copy is still recognised as a damaged default, not as an unknown model.
    await truncate(join(dir, 'weights.bin'), 4096)
    await modelError(store.addModelFromFolder(dir), 'hash-mismatch')
    await expectStoreContents(store, [])
  })

  it('wrong hash: a manifest.json whose SHA-256 does not match the weights is refused', async () => {
    const dir = await copyOfSharedModel()
    const manifest = { ...DEFAULT_MODEL_MANIFEST, id: 'other', weights: [{ path: 'weights.bin', sha256: '0'.repeat(64) }] }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
    const store = await emptyStore()
    await modelError(store.addModelFromFolder(dir), 'hash-mismatch')
    await expectStoreContents(store, [])
  })

  it('missing weights are refused', async () => {
    const dir = await copyOfSharedModel()
    await rm(join(dir, 'weights.bin'))
    const store = await emptyStore()
    const error = await modelError(store.addModelFromFolder(dir), 'missing-weights')
    expect(error.message).toContain('weights.bin')
    // With a manifest too.
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(DEFAULT_MODEL_MANIFEST))
    await modelError(store.addModelFromFolder(dir), 'missing-weights')
    await expectStoreContents(store, [])
  })

  it('an unparsable model.json is refused', async () => {
    const store = await emptyStore()
    const dir = await copyOfSharedModel()
    await writeFile(join(dir, 'model.json'), '{"format": "layers-model", "modelTopology": {')
    const error = await modelError(store.addModelFromFolder(dir), 'unparsable-model')
    expect(error.message).toContain('not valid JSON')
    await writeFile(join(dir, 'model.json'), JSON.stringify({ hello: 'world' }))
    await modelError(store.addModelFromFolder(dir), 'unparsable-model')
    await rm(join(dir, 'model.json'))
    await modelError(store.addModelFromFolder(dir), 'missing-model-file')
    await modelError(store.addModelFromFolder(join(dir, 'no-such-folder')), 'missing-model-file')
    await expectStoreContents(store, [])
  })

  it('an unknown model without manifest.json is refused; with a manifest.json it is added under its id', async () => {
    const store = await emptyStore()
    const dir = join(await tempDir('loupe-ml-tiny-'), 'tiny')
    const manifest = await writeTinyModel(dir, { withManifest: false })
    const error = await modelError(store.addModelFromFolder(dir), 'invalid-manifest')
    expect(error.message).toContain('manifest.json')
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
    const added = await store.addModelFromFolder(dir)
    expect(added).toMatchObject({ id: 'tiny-test-model', manifest })
    await expect(store.open('tiny-test-model')).resolves.toMatchObject({ manifest })
  })

  it('an invalid manifest.json, or one that disagrees with model.json, is refused', async () => {
    const store = await emptyStore()
    const dir = await copyOfSharedModel()
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...DEFAULT_MODEL_MANIFEST, dimension: -1 }))
    expect((await modelError(store.addModelFromFolder(dir), 'invalid-manifest')).message).toContain('dimension')
    await writeFile(join(dir, 'manifest.json'), '{nope')
    await modelError(store.addModelFromFolder(dir), 'invalid-manifest')
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...DEFAULT_MODEL_MANIFEST, format: 'graph' }))
    await modelError(store.addModelFromFolder(dir), 'invalid-manifest')
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...DEFAULT_MODEL_MANIFEST, weights: [{ path: 'other.bin', sha256: 'a'.repeat(64) }] }),
    )
    expect((await modelError(store.addModelFromFolder(dir), 'invalid-manifest')).message).toContain('weights.bin')
    await expectStoreContents(store, [])
  })

  it('a model damaged after it was added is reported when opened and listed', async () => {
    const { store } = await storeWithDefaultModel()
    const installed = join(store.dir, DEFAULT_MODEL_ID)
    await truncate(join(installed, 'weights.bin'), 1000)
    await modelError(store.open(DEFAULT_MODEL_ID), 'hash-mismatch')
    const [entry] = await store.list()
    expect(entry && 'error' in entry && entry.error.code).toBe('hash-mismatch')
    await rm(join(installed, 'weights.bin'))
    await modelError(store.open(DEFAULT_MODEL_ID), 'missing-weights')
    await writeFile(join(installed, 'model.json'), 'garbage')
    await modelError(store.open(DEFAULT_MODEL_ID), 'unparsable-model')
    await writeFile(join(installed, 'manifest.json'), 'garbage')
    await modelError(store.open(DEFAULT_MODEL_ID), 'invalid-manifest')
    await store.remove(DEFAULT_MODEL_ID)
    await modelError(store.open(DEFAULT_MODEL_ID), 'not-installed')
  })
})
