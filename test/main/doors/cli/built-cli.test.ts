import { spawnSync } from 'node:child_process'
import { copyFile, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliBuildDir, ENTRY } from '../../../../scripts/build-cli.js'
import { loupeJson } from '../../../support/cli'
import { COCO_IMAGES, MOBILENET_DIR, REPO_ROOT, tempDir } from '../../../support/paths'

/** What bin/loupe.js builds the CLI from (scripts/build-cli.js), copied so a test can change it. */
const BUILD_INPUTS = ['src/main', 'src/shared', 'scripts/build-cli.js', 'bin/loupe.js', 'package.json', 'tsconfig.json']

async function copyOfTheCli(): Promise<string> {
  const root = await tempDir('loupe-cli-copy-')
  for (const input of BUILD_INPUTS) await cp(join(REPO_ROOT, input), join(root, input), { recursive: true })
  await symlink(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  return root
}

function run(root: string, ...args: string[]) {
  const child = spawnSync(process.execPath, [join(root, 'bin', 'loupe.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 })
  return { code: child.status, stdout: child.stdout, stderr: child.stderr }
}

const builds = (root: string) => readdir(join(root, 'out', 'cli')).then((names) => names.filter((name) => !name.startsWith('.')))

describe('the built CLI (bin/loupe.js → out/cli/<stamp>/)', () => {
  it('rebuilds when a source or package.json changes, instead of running stale code', async () => {
    const root = await copyOfTheCli()
    expect(run(root, '--version')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' })
    const [first] = await builds(root)
    expect(first).toMatch(/^[0-9a-f]{16}$/)

    // Unchanged sources: the same build is used again.
    expect(run(root, '--version').stdout).toBe('0.1.0\n')
    expect(await builds(root)).toEqual([first])

    const usage = join(root, 'src', 'main', 'doors', 'cli', 'usage.ts')
    await writeFile(usage, (await readFile(usage, 'utf8')).replace('loupe', 'loupe-edited-in-a-test'))
    const help = run(root, '--help')
    expect(help.stderr).toBe('')
    expect(help.stdout).toContain('loupe-edited-in-a-test')
    const afterEdit = await builds(root)
    expect(afterEdit).toHaveLength(2)
    expect(afterEdit).toContain(first)
    expect(existsSync(cliBuildDir(root))).toBe(true)

    const manifest = join(root, 'package.json')
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"version": "0.1.0"', '"version": "9.8.7"'))
    expect(run(root, '--version')).toEqual({ code: 0, stdout: '9.8.7\n', stderr: '' })
    expect(await builds(root)).toHaveLength(3)
  })

  it('runs from source through tsx, after one line on standard error, when it cannot build', async () => {
    const root = await copyOfTheCli()
    await mkdir(join(root, 'out'))
    await writeFile(join(root, 'out', 'cli'), 'a file where the build folder should be')
    const version = run(root, '--version')
    expect(version.code).toBe(0)
    expect(version.stdout).toBe('0.1.0\n')
    expect(version.stderr).toMatch(/^loupe: could not build the CLI \(.+\); running it from source with tsx\n$/)
  })

  it('starts its built workers: indexes, searches and reports from the build', async () => {
    const ws = await tempDir('loupe-ws-')
    const images = await tempDir()
    const names = (await readdir(COCO_IMAGES)).filter((name) => name.endsWith('.jpg')).slice(0, 4)
    for (const name of names) await copyFile(join(COCO_IMAGES, name), join(images, name))

    loupeJson('--workspace', ws, 'models', 'add', MOBILENET_DIR)
    // The import indexes what it added; "loupe index" then finds nothing left.
    expect(loupeJson('--workspace', ws, 'import', images)).toMatchObject({ added: 4, index: { embedded: 4 } })
    expect(loupeJson('--workspace', ws, 'index')).toMatchObject({ embedded: 0 })
    const hits = loupeJson<{ path: string; score: number }[]>('--workspace', ws, 'search', '--image', join(images, names[0]!), '-k', '2')
    expect(hits[0]).toMatchObject({ path: join(images, names[0]!) })
    // A region search also says where in each hit the region is most alike (feature maps from the built worker).
    const region = loupeJson<{ path: string; match?: unknown }[]>('--workspace', ws, 'search', '--image', join(images, names[0]!), '--region', '0,0,200,150', '-k', '2')
    expect(region).toHaveLength(2)
    for (const hit of region) expect(hit.match).toMatchObject({ region: { width: expect.any(Number) }, score: expect.any(Number) })
    expect(loupeJson('--workspace', ws, 'stats')).toMatchObject({ images: 4, indexed: 4 })

    // The runs above came from the build of the current sources (a fallback to tsx would have written to stderr).
    expect(existsSync(join(cliBuildDir(REPO_ROOT), ENTRY))).toBe(true)
    await rm(ws, { recursive: true, force: true })
  })
})
