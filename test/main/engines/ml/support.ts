import { createHash } from 'node:crypto'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { ModelManifest } from '../../../../src/main/engines/ml'
import { ModelStore } from '../../../../src/main/engines/ml'
import { REPO_ROOT, tempDir } from '../../../support/paths'

/** The default backbone as the shared folder holds it (read-only; tests copy it in through addModelFromFolder). */
export const SHARED_MODEL = resolve(REPO_ROOT, '..', 'shared', 'models', 'mobilenet-v2-0.35-224')

/** A fresh workspace-like models/ folder with the default model added the way a person would add it. */
export async function storeWithDefaultModel(): Promise<{ store: ModelStore; root: string }> {
  const root = await tempDir('loupe-ml-')
  const store = new ModelStore(join(root, 'models'))
  await store.addModelFromFolder(SHARED_MODEL)
  return { store, root }
}

/** A writable copy of the shared model folder, to damage. */
export async function copyOfSharedModel(): Promise<string> {
  const dir = join(await tempDir('loupe-ml-copy-'), 'mobilenet')
  await cp(SHARED_MODEL, dir, { recursive: true })
  return dir
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * A tiny layers model (size×size×3 → 3×3 conv with `filters` channels → global average pooling), written as a model
 * folder with its manifest.json. For tests that need thousands of inferences or a second, custom model.
 */
export async function writeTinyModel(
  dir: string,
  options: { id?: string; size?: number; filters?: number; withManifest?: boolean } = {},
): Promise<ModelManifest> {
  const tf = await import('@tensorflow/tfjs-core')
  await import('@tensorflow/tfjs-backend-cpu')
  const tfl = await import('@tensorflow/tfjs-layers')
  tf.enableProdMode()
  await tf.setBackend('cpu')
  const size = options.size ?? 8
  const filters = options.filters ?? 16
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [size, size, 3], filters, kernelSize: 3, activation: 'relu', biasInitializer: 'ones', name: 'conv' }),
      tfl.layers.globalAveragePooling2d({ name: 'pool' }),
    ],
  })
  let written: { topology: unknown; specs: unknown; data: Uint8Array } | null = null
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData
      const bytes = Array.isArray(data) ? Buffer.concat(data.map((part) => new Uint8Array(part))) : new Uint8Array(data as ArrayBuffer)
      written = { topology: artifacts.modelTopology, specs: artifacts.weightSpecs, data: bytes }
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    }),
  )
  model.dispose()
  if (!written) throw new Error('tiny model was not saved')
  const { topology, specs, data } = written as { topology: unknown; specs: unknown; data: Uint8Array }
  await mkdir(dir, { recursive: true })
  await writeFile(
    join(dir, 'model.json'),
    JSON.stringify({ format: 'layers-model', generatedBy: 'loupe tests', modelTopology: topology, weightsManifest: [{ paths: ['weights.bin'], weights: specs }] }),
  )
  await writeFile(join(dir, 'weights.bin'), data)
  const manifest: ModelManifest = {
    manifestVersion: 1,
    id: options.id ?? 'tiny-test-model',
    name: 'Tiny test model',
    format: 'layers',
    modelFile: 'model.json',
    input: { width: size, height: size, channels: 3 },
    normalisation: { scale: 1 / 255, offset: 0 },
    embedding: { output: null, pooling: 'none' },
    dimension: filters,
    weights: [{ path: 'weights.bin', sha256: sha256(data), bytes: data.byteLength }],
    sourceUrl: null,
  }
  if (options.withManifest ?? true) await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return manifest
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
