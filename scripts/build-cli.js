#!/usr/bin/env node
/**
 * The `loupe` CLI as built JavaScript, so that a start does not compile TypeScript (issue #12).
 *
 * One esbuild pass bundles the CLI entry and the worker entries (the same names as the Electron main build in
 * electron.vite.config.ts, so `workerEntry` finds them beside the CLI) into out/cli/<stamp>/ as ESM; every package
 * stays external and is loaded from node_modules. <stamp> is a hash of the content of everything the bundle is made
 * from (src/main, src/shared, package.json, tsconfig.json and this file), so a build is never stale: when a source
 * changes, the stamp changes and bin/loupe.js builds again before running. A build is written to a temporary folder
 * and renamed into place, so concurrent first runs cannot see half a build. Checking the stamp reads about 1.6 MB of
 * sources, 10-30 ms of a start.
 *
 * `node scripts/build-cli.js` (npm's `prepare`, run by `npm ci`) builds it ahead of time; plain JavaScript on purpose,
 * with esbuild, which tsx (a dependency) brings, so it needs neither a dev dependency nor Electron.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What the bundle is made from, relative to the repository root; folders are read whole. */
const INPUTS = ['src/main', 'src/shared', 'package.json', 'tsconfig.json', 'scripts/build-cli.js']

export const ENTRY = 'cli.js'

const ENTRIES = {
  cli: 'src/main/doors/cli/index.ts',
  'embedding-worker': 'src/main/engines/ml/embedding-worker.ts',
  'training-worker': 'src/main/engines/learning/training-worker.ts',
  'detection-worker': 'src/main/engines/detection/detection-worker.ts',
  'dicom-decode-worker': 'src/main/engines/dicom/decode-worker.ts',
  'anomaly-worker': 'src/main/engines/anomaly/anomaly-worker.ts',
  'map-worker': 'src/main/engines/map/map-worker.ts',
}

/**
 * TensorFlow.js's packages are large CommonJS bundles. Imported from ESM, Node first scans each one with its
 * CommonJS lexer for named exports, about 100 ms of a worker's start; loaded with require() they are not scanned.
 * So the bundle reaches them through a one-line CommonJS stand-in that requires the real package (still external,
 * loaded from node_modules), and a banner gives the ESM bundle a `require`.
 */
const REQUIRED_PACKAGES = /^@tensorflow\//

const requireInstead = {
  name: 'loupe:require-commonjs-packages',
  setup(build) {
    build.onResolve({ filter: REQUIRED_PACKAGES }, (args) =>
      args.namespace === 'required' ? { path: args.path, external: true } : { path: args.path, namespace: 'required' },
    )
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)})`,
      loader: 'js',
    }))
  },
}

/** Every file under `path` (or `path` itself), sorted so the stamp does not depend on the order the disk lists them. */
function filesOf(path) {
  const entries = readdirSync(path, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

/** A hash of the names and contents of every input: the build's folder name. */
export function sourceStamp(root) {
  const hash = createHash('sha256')
  for (const input of INPUTS) {
    const path = join(root, input)
    const files = statSync(path).isDirectory() ? filesOf(path) : [path]
    for (const file of files) {
      hash.update(relative(root, file).split(sep).join('/'))
      hash.update('\0')
      hash.update(readFileSync(file))
      hash.update('\0')
    }
  }
  return hash.digest('hex').slice(0, 16)
}

/** Where the CLI built from the current sources is (whether or not it has been built yet). */
export function cliBuildDir(root, stamp = sourceStamp(root)) {
  return join(root, 'out', 'cli', stamp)
}

/**
 * Builds the CLI for the current sources unless that build is there already; returns the entry file's path.
 * Older builds are removed once the new one is in place.
 */
export async function buildCli(root) {
  const stamp = sourceStamp(root)
  const dir = cliBuildDir(root, stamp)
  const entry = join(dir, ENTRY)
  if (existsSync(entry)) return entry
  const parent = join(root, 'out', 'cli')
  mkdirSync(parent, { recursive: true })
  const staging = join(parent, `.building-${process.pid}-${Date.now()}`)
  const { build } = await import('esbuild')
  try {
    await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(root, file)])),
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
      sourcemap: 'linked',
      logLevel: 'silent',
      plugins: [requireInstead],
      banner: { js: "import { createRequire as __loupeRequire } from 'node:module'; const require = __loupeRequire(import.meta.url);" },
    })
    try {
      renameSync(staging, dir)
    } catch (error) {
      // Another process finished the same build first: theirs is as good as ours.
      if (!existsSync(entry)) throw error
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  pruneOldBuilds(parent, stamp)
  return entry
}

/** Builds a `loupe` still running may start workers from: other builds are kept for a day after they were made. */
const KEEP_MS = 24 * 60 * 60 * 1000

function pruneOldBuilds(parent, current) {
  const now = Date.now()
  for (const name of readdirSync(parent)) {
    if (name === current) continue
    const path = join(parent, name)
    try {
      if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true })
    } catch {
      // Removed meanwhile by another run: nothing left to do.
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const entry = await buildCli(root)
  process.stdout.write(`CLI built: ${relative(root, entry)}\n`)
}
