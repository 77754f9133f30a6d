import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { probeOnnxRuntime } from '../onnx'
import { BACKEND_NAMES, type BackendInfo, type BackendName } from './backend-types'
import { firstLine, messageOf } from './errors'

/**
 * Backend selection, inside the inference worker only (it imports TensorFlow.js). Each candidate must load and run a
 * tiny op before it is chosen; anything that fails is recorded in `skipped` and the next is tried.
 */

const requireHere = createRequire(import.meta.url)

const NATIVE_PACKAGES = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const

/** Folder of the .wasm binaries shipped in @tensorflow/tfjs-backend-wasm (its `main` lives in the same dist/). */
export function wasmBinaryDir(): string {
  return dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm'))
}

export interface SelectBackendOptions {
  /** Candidates in order of preference; default BACKEND_NAMES (tensorflow-gpu, onnxruntime, tensorflow, wasm, cpu). */
  preference?: readonly BackendName[]
  /**
   * Whether onnxruntime may be chosen: only the inference worker runs models through it. Elsewhere (training) it is
   * left out of the preference, and a preference naming nothing else falls back to the TensorFlow.js default order.
   */
  onnxruntime?: boolean
  /** XNNPACK threads for wasm. Node builds of tfjs-backend-wasm are single-threaded whatever this says. */
  wasmThreads?: number
}

let wasmPathsSet = false

export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendInfo> {
  // PROD silences TensorFlow.js's console chatter (e.g. hundreds of "kernel already registered" lines when both
  // tfjs-node packages are present) and skips debug-only checks. Failures are reported through `skipped` instead.
  tf.enableProdMode()
  const wanted = options.preference ?? BACKEND_NAMES
  const tensorflowOnly = (names: readonly BackendName[]): BackendName[] => names.filter((name) => name !== 'onnxruntime')
  const preference = options.onnxruntime ? wanted : tensorflowOnly(wanted).length > 0 ? tensorflowOnly(wanted) : tensorflowOnly(BACKEND_NAMES)
  const skipped: BackendInfo['skipped'] = []
  let nativeLoaded = false
  for (const name of preference) {
    try {
      switch (name) {
        case 'tensorflow-gpu':
        case 'tensorflow': {
          // Both packages register a backend called 'tensorflow'; once one has loaded, the other adds nothing.
          if (nativeLoaded) throw new Error('another TensorFlow native package is already loaded')
          await loadNativePackage(NATIVE_PACKAGES[name])
          nativeLoaded = true
          await activate('tensorflow')
          return { name, label: name === 'tensorflow-gpu' ? 'tensorflow (native, GPU build)' : 'tensorflow (native)', tfBackend: 'tensorflow', skipped }
        }
        case 'onnxruntime': {
          const { version, threads, cuda } = await probeOnnxRuntime()
          // TensorFlow.js stays loaded (tf.memory() for the worker's report); give it the plain backend, which needs nothing.
          await activate('cpu')
          const device = cuda ? 'CUDA where the GPU allows, else native CPU' : 'native CPU'
          return { name, label: `onnxruntime ${version} (${device}, ${threads} thread${threads === 1 ? '' : 's'})`, tfBackend: 'cpu', threads, skipped }
        }
        case 'wasm': {
          if (!wasmPathsSet) {
            setWasmPaths(wasmBinaryDir() + sep)
            setThreadsCount(Math.max(1, options.wasmThreads ?? 1))
            wasmPathsSet = true
          }
          await activate('wasm')
          const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))
          const threads = getThreadsCount()
          const label = `wasm (${simd ? 'SIMD' : 'no SIMD'}${threads > 1 ? `, ${threads} threads` : ''})`
          return { name, label, tfBackend: 'wasm', simd, threads, skipped }
        }
        case 'cpu': {
          await activate('cpu')
          return { name, label: 'cpu (plain JavaScript)', tfBackend: 'cpu', skipped }
        }
      }
    } catch (error) {
      skipped.push({ name, reason: firstLine(messageOf(error)) })
    }
  }
  throw new Error(
    `No inference backend of ${preference.join(', ')} works here (${skipped.map((entry) => `${entry.name}: ${entry.reason}`).join('; ')}); ` +
      `the backends are ${BACKEND_NAMES.join(', ')}`,
  )
}

/**
 * Imports @tensorflow/tfjs-node(-gpu). A package present without its native addon (its install script did not run,
 * which is how this project installs it, or failed to download libtensorflow) is passed over without importing it.
 */
async function loadNativePackage(packageName: string): Promise<void> {
  let packageDir: string
  try {
    packageDir = dirname(requireHere.resolve(`${packageName}/package.json`))
  } catch {
    throw new Error(`${packageName} is not installed`)
  }
  if (!hasNativeAddon(join(packageDir, 'lib'))) {
    throw new Error(`${packageName} is installed without its native addon (lib/**/tfjs_binding.node); its install script has not run`)
  }
  // A variable specifier: the package is optional, so neither TypeScript nor the bundler may insist on it.
  const specifier: string = packageName
  await import(specifier)
}

function hasNativeAddon(dir: string): boolean {
  if (!existsSync(dir)) return false
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'tfjs_binding.node') return true
    if (entry.isDirectory() && hasNativeAddon(join(dir, entry.name))) return true
  }
  return false
}

/** Makes `backend` current and proves it computes: 1 + 2 must give 3. */
async function activate(backend: string): Promise<void> {
  if (!tf.findBackendFactory(backend)) throw new Error(`backend '${backend}' is not registered`)
  const { result: ok, warnings } = await captureWarnings(() => tf.setBackend(backend))
  if (!ok || tf.getBackend() !== backend) {
    // TensorFlow.js reports why initialisation failed only as warnings: "Initialization of backend X failed", then the cause.
    const cause = warnings.find((line) => !line.startsWith('Initialization of backend'))
    throw new Error(`backend '${backend}' failed to initialise${cause ? `: ${firstLine(cause)}` : ''}`)
  }
  const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)))
  try {
    const [value] = await sum.data()
    if (value !== 3) throw new Error(`backend '${backend}' computed 1 + 2 = ${value}`)
  } finally {
    sum.dispose()
  }
}

/** Runs `action` with TensorFlow.js's warnings on but collected instead of printed. */
async function captureWarnings<T>(action: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = []
  const original = console.warn
  const wasProd = tf.env().getBool('PROD')
  console.warn = (...parts: unknown[]) => {
    warnings.push(parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' '))
  }
  tf.env().set('PROD', false)
  try {
    return { result: await action(), warnings }
  } finally {
    tf.env().set('PROD', wasProd)
    console.warn = original
  }
}
