import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import type * as Ort from 'onnxruntime-node'
import { encodeModel } from './proto'

/**
 * onnxruntime-node, loaded on demand (its native binding ships in the npm package; its install script, which would
 * download GPU extras, is denied in package.json). CPU execution provider only.
 */

const requireHere = createRequire(import.meta.url)

export type OnnxRuntime = typeof Ort
export type OnnxSession = Ort.InferenceSession

let loading: Promise<OnnxRuntime> | null = null

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loading ??= (async () => {
    // A variable specifier: the binding is only touched where onnxruntime is actually chosen.
    const specifier: string = 'onnxruntime-node'
    const module = (await import(specifier)) as OnnxRuntime & { default?: OnnxRuntime }
    return module.InferenceSession ? module : (module.default as OnnxRuntime)
  })()
  loading.catch(() => {
    loading = null
  })
  return loading
}

/** Threads for one session's operators: all cores but one (left to decoding and the UI), at least 1. */
export function defaultIntraOpThreads(): number {
  return Math.max(1, availableParallelism() - 1)
}

/**
 * Whether onnxruntime's CUDA execution provider is on this machine. The npm package ships the CPU build only; its own
 * install step (run by `npm run enable-native -- --gpu` on a connected machine, never by `npm ci`) adds the CUDA
 * provider library beside the binding.
 */
export function cudaProviderInstalled(): boolean {
  try {
    const packageDir = dirname(requireHere.resolve('onnxruntime-node/package.json'))
    return readdirSync(join(packageDir, 'bin'), { recursive: true }).some((entry) => String(entry).endsWith('libonnxruntime_providers_cuda.so'))
  } catch {
    return false
  }
}

/**
 * `optimise: false` loads the graph as it is, which is quicker when only its signature is wanted. CUDA is used where its
 * provider is installed and loads (a machine without a usable GPU or driver falls back to the CPU).
 */
export async function createSession(model: Uint8Array, options: { threads?: number; optimise?: boolean } = {}): Promise<OnnxSession> {
  const ort = await loadOnnxRuntime()
  const settings = {
    intraOpNumThreads: options.threads ?? defaultIntraOpThreads(),
    interOpNumThreads: 1,
    graphOptimizationLevel: options.optimise === false ? ('disabled' as const) : ('all' as const),
  }
  if (cudaProviderInstalled()) {
    try {
      return await ort.InferenceSession.create(model, { ...settings, executionProviders: ['cuda', 'cpu'] })
    } catch {
      // No usable GPU here: the CPU build runs everything.
    }
  }
  return ort.InferenceSession.create(model, { ...settings, executionProviders: ['cpu'] })
}

/** Proves the binding loads and computes: a one-node graph must give 1 + 2 = 3. */
export async function probeOnnxRuntime(): Promise<{ version: string; threads: number; cuda: boolean }> {
  const ort = await loadOnnxRuntime()
  const graph = encodeModel(
    {
      name: 'probe',
      nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['sum'], name: 'add' }],
      initializers: [],
      inputs: [
        { name: 'a', dims: [1] },
        { name: 'b', dims: [1] },
      ],
      outputs: [{ name: 'sum', dims: [1] }],
    },
    { opset: 13, producer: 'loupe', producerVersion: 'probe' },
  )
  const threads = defaultIntraOpThreads()
  const session = await createSession(graph, { threads: 1 })
  try {
    const result = await session.run({ a: new ort.Tensor('float32', Float32Array.of(1), [1]), b: new ort.Tensor('float32', Float32Array.of(2), [1]) })
    const value = (result.sum?.data as Float32Array | undefined)?.[0]
    if (value !== 3) throw new Error(`onnxruntime computed 1 + 2 = ${String(value)}`)
  } finally {
    await session.release()
  }
  // Whether CUDA would be tried; a session that cannot start on it runs on the CPU (createSession).
  return { version: ort.env.versions?.common ?? 'unknown', threads, cuda: cudaProviderInstalled() }
}
