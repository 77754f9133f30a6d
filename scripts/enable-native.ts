/**
 * `npm run enable-native [-- --gpu]`: on a connected machine, runs the install step of @tensorflow/tfjs-node (or
 * tfjs-node-gpu) that `npm ci` skips on purpose (package.json allowScripts), because it downloads libtensorflow and an
 * offline install must never need the network. Afterwards the ML worker finds the native backend by itself and
 * `loupe stats` names it. It cannot run offline: the download fails and this says so.
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
