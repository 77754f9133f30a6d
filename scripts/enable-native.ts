/**
 * `npm run enable-native [-- --gpu]`: on a connected machine, runs the install step of @tensorflow/tfjs-node (or
 * tfjs-node-gpu) that `npm ci` skips on purpose (package.json allowScripts), because it downloads libtensorflow and an
 * offline install must never need the network; with --gpu also onnxruntime-node's, which downloads its CUDA 12
 * execution provider. Afterwards the ML worker finds them by itself and `loupe stats` names them. It cannot run
 * offline: the download fails and this says so.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const gpu = process.argv.includes('--gpu')
const name = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node'
const require = createRequire(join(process.cwd(), 'package.json'))

function packageDir(): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return null
  }
}

if (gpu) enableOnnxRuntimeCuda()

const dir = packageDir()
if (dir === null || !existsSync(join(dir, 'scripts', 'install.js'))) {
  console.error(`${name} is not installed (it is an optional dependency): run "npm install" first.`)
  process.exit(1)
}
console.log(`Downloading libtensorflow for ${name}; this needs an internet connection and takes a few minutes.`)
const install = spawnSync(process.execPath, ['scripts/install.js', ...(gpu ? ['gpu', 'download'] : [])], { cwd: dir, stdio: 'inherit' })
if (install.status !== 0) {
  console.error(`The ${name} install step failed (exit ${install.status}); Loupe keeps using WebAssembly and onnxruntime.`)
  process.exit(1)
}
try {
  require(name)
  console.log(`${name} is ready: the ML worker will use it from the next start.`)
} catch (error) {
  console.error(`${name} installed but does not load: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

/** onnxruntime-node's own install step, asked for the CUDA 12 provider (a failure leaves onnxruntime on the CPU). */
function enableOnnxRuntimeCuda(): void {
  let ortDir: string
  try {
    ortDir = dirname(require.resolve('onnxruntime-node/package.json'))
  } catch {
    console.error('onnxruntime-node is not installed: run "npm ci" first.')
    return
  }
  console.log('Downloading the CUDA 12 execution provider for onnxruntime-node; this needs an internet connection.')
  const install = spawnSync(process.execPath, ['script/install.js'], {
    cwd: ortDir,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'cuda12' },
  })
  if (install.status !== 0) console.error(`The onnxruntime-node CUDA download failed (exit ${install.status}); onnxruntime keeps running on the CPU.`)
}
