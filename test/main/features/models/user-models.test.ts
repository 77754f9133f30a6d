import { cp, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import { DEFAULT_MODEL_ID, onnxRuntimeUsable, recommendedModelId } from '../../../../src/main/engines/ml'
import { loupeJson } from '../../../support/cli'
import { MOBILENET_DIR, tempDir } from '../../../support/paths'

const open: Loupe[] = []
afterEach(async () => {
  for (const loupe of open.splice(0)) await loupe.close()
})

async function openWith(workspaceDir: string, modelsDir: string): Promise<Loupe> {
  const loupe = await openLoupe({ workspaceDir, modelsDir })
  open.push(loupe)
  return loupe
}

describe('models are kept once per user', () => {
  it('a model added in one workspace is installed in every other, which each keep their own choice', async () => {
    const modelsDir = await tempDir('loupe-models-')
    const first = await openWith(await tempDir('loupe-ws-'), modelsDir)
    const second = await openWith(await tempDir('loupe-ws-'), modelsDir)
    expect(await second.client.api.models.list({})).toEqual([])

    await first.client.api.models.add({ path: MOBILENET_DIR })
    expect((await second.client.api.models.list({})).map((model) => model.id)).toEqual([DEFAULT_MODEL_ID])
    // The other workspace never chose a model: the only installed one is the one it uses.
    expect((await second.client.api.search.status({})).modelProblem).toBeNull()
    expect((await second.client.api.search.status({})).modelId).toBe(DEFAULT_MODEL_ID)
  })

  it('with nothing installed, the model to get is the one recommended for this machine, and the known list says so', async () => {
    const loupe = await openWith(await tempDir('loupe-ws-'), await tempDir('loupe-models-'))
    const recommended = recommendedModelId(onnxRuntimeUsable())
    const status = await loupe.client.api.search.status({})
    expect(status.modelId).toBe(recommended)
    expect(status.modelProblem).toMatch(/not installed.*Get an image model/s)

    const known = await loupe.client.api.models.known({})
    expect(known.filter((model) => model.recommended).map((model) => model.id)).toEqual([recommended])
    expect(known.every((model) => !model.installed)).toBe(true)
    const v1 = known.find((model) => model.id === 'mobilenet-v1-1.0-224')!
    expect(v1).toMatchObject({ downloadable: true, dimension: 1024, downloadBytes: 3_251_736 })
    // A model Loupe cannot download says how to get it instead.
    for (const model of known.filter((entry) => !entry.downloadable)) expect(model.howToGet).toBeTruthy()

    await loupe.client.api.models.add({ path: MOBILENET_DIR })
    expect((await loupe.client.api.models.known({})).find((model) => model.id === DEFAULT_MODEL_ID)?.installed).toBe(true)
  })

  it('models a workspace kept in its own folder (earlier versions) are brought into the user store on open', async () => {
    const modelsDir = await tempDir('loupe-models-')
    const workspaceDir = await tempDir('loupe-ws-')
    // As an earlier version left it: the model verified into <workspace>/models/<id>.
    const older = await openWith(await tempDir('loupe-ws-'), join(workspaceDir, 'models'))
    await older.client.api.models.add({ path: MOBILENET_DIR })
    await older.close()

    const loupe = await openWith(workspaceDir, modelsDir)
    expect((await loupe.client.api.models.list({})).map((model) => [model.id, model.problem])).toEqual([[DEFAULT_MODEL_ID, null]])
    // The old copy is left where it was, for an older version that may still open this workspace.
    expect((await stat(join(workspaceDir, 'models', DEFAULT_MODEL_ID, 'weights.bin'))).isFile()).toBe(true)
  })

  it('a damaged model in a workspace folder is left behind, and the workspace still opens', async () => {
    const workspaceDir = await tempDir('loupe-ws-')
    await cp(MOBILENET_DIR, join(workspaceDir, 'models', DEFAULT_MODEL_ID), { recursive: true })
    // No manifest.json and the built-in weights are recognised, but a truncated weight file must not be adopted.
    await truncate(join(workspaceDir, 'models', DEFAULT_MODEL_ID, 'weights.bin'), 1000)
    const loupe = await openWith(workspaceDir, await tempDir('loupe-models-'))
    expect(await loupe.client.api.models.list({})).toEqual([])
  })

  it('the CLI takes the store from --models (and LOUPE_MODELS_DIR), lists known models, and adds for every workspace', async () => {
    const modelsDir = await tempDir('loupe-models-')
    const added = loupeJson<{ id: string }>('--workspace', await tempDir('loupe-ws-'), '--models', modelsDir, 'models', 'add', MOBILENET_DIR)
    expect(added.id).toBe(DEFAULT_MODEL_ID)
    const listed = loupeJson<Array<{ id: string }>>('--workspace', await tempDir('loupe-ws-'), '--models', modelsDir, 'models', 'list')
    expect(listed.map((model) => model.id)).toEqual([DEFAULT_MODEL_ID])
    const known = loupeJson<Array<{ id: string; installed: boolean }>>('--workspace', await tempDir('loupe-ws-'), '--models', modelsDir, 'models', 'known')
    expect(known.find((model) => model.id === DEFAULT_MODEL_ID)?.installed).toBe(true)
  })
})
