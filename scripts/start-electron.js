#!/usr/bin/env node
/**
 * `npm start`: runs Loupe as a desktop app.
 *
 *   1. Makes sure the Electron binary is there (the electron package fetches it on first use; this machine may be
 *      unable to), and otherwise explains that `npm run serve` runs the same app in a browser.
 *   2. Makes an Electron-ABI build of better-sqlite3 in .cache/electron-native/<electron version>/, leaving
 *      node_modules/better-sqlite3 (the Node build the tests and the CLI use) untouched. Done once per version.
 *   3. Builds the app with electron-vite and launches Electron on it, with LOUPE_SQLITE_BINDING naming the
 *      rebuilt binding. Arguments are passed through: `npm start -- --workspace ~/datasets/birds`.
 *
 * `node scripts/start-electron.js --prepare-only` does steps 1 and 2 and prints the binding's path (used by the
 * Electron end-to-end test).
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))
const require = createRequire(join(ROOT, 'package.json'))

class StartError extends Error {}

function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'))
}

function electronVersion() {
  return JSON.parse(readFileSync(join(electronPackageDir(), 'package.json'), 'utf8')).version
}

/**
 * The Electron executable if it is already on disk, else null. Mirrors the electron package's own lookup
 * (path.txt naming the executable under dist/, or ELECTRON_OVERRIDE_DIST_PATH) without `require('electron')`, which
 * would start a download.
 */
function installedElectronBinary() {
  const dir = electronPackageDir()
  let executable
  try {
    executable = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
  } catch {
    executable = undefined
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const candidate = override ? join(override, executable || 'electron') : executable ? join(dir, 'dist', executable) : null
  return candidate && existsSync(candidate) ? candidate : null
}

/** Step 1. */
function ensureElectronBinary(version) {
  const found = installedElectronBinary()
  if (found) return found
  console.log(`Electron ${version} is not installed yet; fetching it (once)…`)
  // The electron package's own installer: honours ELECTRON_MIRROR, electron_config_cache and the other
  // @electron/get settings, and verifies the download against the package's checksums.
  const install = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  const installed = install.status === 0 ? installedElectronBinary() : null
  if (installed) return installed
  const reason = (install.stderr || String(install.error ?? '')).trim().split('\n')[0] || `exit code ${install.status}`
  throw new StartError(
    [
      '',
      `Loupe's desktop window needs Electron ${version}, and this machine cannot fetch it (${reason}).`,
      '',
      'Run the same app without Electron instead:',
      '',
      '    npm run serve',
      '',
      'It starts Loupe headless and prints a link to open it in your browser.',
      '',
      'For the desktop window, run `npm start` once while the machine is online (Electron is fetched once and kept),',
      `point ELECTRON_MIRROR at a reachable mirror, or set ELECTRON_OVERRIDE_DIST_PATH to a directory holding an`,
      `Electron ${version} build.`,
    ].join('\n'),
  )
}

/** Where the Electron build of better-sqlite3 lives, and the binding inside it. */
function nativePaths(version) {
  const dir = join(ROOT, '.cache', 'electron-native', version, 'better-sqlite3')
  return { dir, binding: join(dir, 'build', 'Release', 'better_sqlite3.node'), stamp: join(dir, '.loupe-build.json') }
}

/** Step 2. Returns the path of the Electron-ABI better_sqlite3.node. */
async function ensureElectronSqlite(version) {
  const source = dirname(require.resolve('better-sqlite3/package.json'))
  const sourceVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version
  const { dir, binding, stamp } = nativePaths(version)
  const wanted = { electron: version, betterSqlite3: sourceVersion, platform: process.platform, arch: process.arch }
  if (existsSync(binding) && existsSync(stamp) && JSON.stringify(readJson(stamp)) === JSON.stringify(wanted)) {
    return binding
  }

  console.log(`Building better-sqlite3 ${sourceVersion} for Electron ${version} in ${relative(ROOT, dir)} (once)…`)
  // A fresh copy of the package's sources, without its Node build and without node_modules.
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dirname(dir), { recursive: true })
  cpSync(source, dir, {
    recursive: true,
    filter: (path) => {
      const rel = relative(source, path)
      const top = rel.split(sep)[0]
      return top !== 'build' && top !== 'node_modules' && top !== 'bin' && top !== 'prebuilds'
    },
  })

  const { rebuild } = await import('@electron/rebuild')
  try {
    // buildPath and projectRootPath are the copy itself, so nothing outside it (in particular the project's
    // node_modules) is ever rebuilt. A prebuilt Electron binary is used when one can be downloaded, else it compiles
    // from source against Electron's headers.
    const build = rebuild({
      buildPath: dir,
      projectRootPath: dir,
      electronVersion: version,
      onlyModules: [],
      force: true,
      mode: 'sequential',
    })
    build.lifecycle.on('module-found', (name) => console.log(`  rebuilding ${name}…`))
    await build
  } catch (error) {
    throw new StartError(
      [
        '',
        `Could not build better-sqlite3 for Electron ${version}: ${error instanceof Error ? error.message : error}`,
        '',
        'This needs either a prebuilt better-sqlite3 for Electron or Electron\'s C++ headers, both downloaded from the',
        'internet, plus a C++ toolchain and Python for compiling. On a connected machine, run `npm start` once: it',
        `fills ${relative(ROOT, dirname(dir))}${sep} (and ~/.electron-gyp), which later offline runs reuse. With the`,
        `headers already unpacked somewhere, \`npm_config_nodedir=/path/to/electron-${version}-headers npm start\` also works.`,
        '',
        'Meanwhile `npm run serve` runs the same app in a browser, with no Electron involved.',
      ].join('\n'),
    )
  }
  if (!existsSync(binding)) {
    throw new StartError(`The Electron rebuild of better-sqlite3 finished but ${binding} is missing.`)
  }
  writeFileSync(stamp, JSON.stringify(wanted))
  return binding
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function run(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolvePromise({ code, signal }))
  })
}

/** Step 3a. */
async function buildApp() {
  const pkg = JSON.parse(readFileSync(require.resolve('electron-vite/package.json'), 'utf8'))
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['electron-vite']
  const cli = join(dirname(require.resolve('electron-vite/package.json')), bin)
  const { code } = await run(process.execPath, [cli, 'build'])
  if (code !== 0) throw new StartError('electron-vite build failed (see above).')
}

/** Step 3b. Resolves with the exit code Electron ended with. */
async function launch(electron, binding, args) {
  const env = { ...process.env, LOUPE_SQLITE_BINDING: binding }
  delete env.ELECTRON_RUN_AS_NODE // would make Electron behave as plain Node
  if (process.platform === 'linux' && process.getuid?.() === 0 && !args.includes('--no-sandbox')) {
    console.warn('Note: Electron refuses to run as root unless given --no-sandbox (npm start -- --no-sandbox).')
  }
  const child = spawn(electron, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit', env })
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal))
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)))
  })
}

async function main(argv) {
  const prepareOnly = argv.includes('--prepare-only')
  const passThrough = argv.filter((arg) => arg !== '--prepare-only')
  const version = electronVersion()
  const electron = ensureElectronBinary(version)
  const binding = await ensureElectronSqlite(version)
  if (prepareOnly) {
    console.log(`ELECTRON=${electron}`)
    console.log(`LOUPE_SQLITE_BINDING=${binding}`)
    return 0
  }
  await buildApp()
  return launch(electron, binding, passThrough)
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof StartError ? error.message : error)
    process.exit(1)
  },
)
