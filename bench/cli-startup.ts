import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { result, type BenchResult } from './stats'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

/**
 * `loupe stats --json` on a small workspace, wall clock from spawning the process to its exit: through bin/loupe.js
 * (built JavaScript, the staleness check included) against the TypeScript entry run through tsx, as bin/loupe.js
 * did before. Runs alternate between the two so a busy spell of the machine hits both alike. The first run of
 * each (build, caches, workspace creation) is not counted.
 */
export async function benchCliStartup(runs: number, log: (line: string) => void): Promise<BenchResult[]> {
  const workspace = await mkdtemp(join(tmpdir(), 'loupe-bench-cli-'))
  const ways = {
    built: [join(ROOT, 'bin', 'loupe.js')],
    tsx: ['--import', 'tsx', join(ROOT, 'src', 'main', 'doors', 'cli', 'index.ts')],
  }
  const samples: Record<keyof typeof ways, number[]> = { built: [], tsx: [] }
  const run = (way: keyof typeof ways): number => {
    const started = performance.now()
    const child = spawnSync(process.execPath, [...ways[way], '--workspace', workspace, 'stats', '--json'], { cwd: ROOT, encoding: 'utf8' })
    const ms = performance.now() - started
    if (child.status !== 0) throw new Error(`loupe stats (${way}) failed: ${child.stderr}`)
    return ms
  }
  try {
    run('built')
    run('tsx')
    for (let i = 0; i < runs; i++) {
      for (const way of ['built', 'tsx'] as const) samples[way].push(run(way))
    }
  } finally {
    await rm(workspace, { recursive: true, force: true })
  }
  const results = (['built', 'tsx'] as const).map((way) =>
    result(
      {
        id: `cli.startup.stats.${way}`,
        name: `loupe stats --json, process start to exit, ${way === 'built' ? 'built CLI (bin/loupe.js)' : 'TypeScript through tsx'}`,
        unit: 'ms',
        details: { runs, workspace: 'empty' },
      },
      samples[way],
    ),
  )
  log(`  built ${results[0]!.median.toFixed(0)} ms, tsx ${results[1]!.median.toFixed(0)} ms (medians of ${runs})`)
  return results
}
