import { readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLoupe } from '../src/main/app/loupe'
import type { ImportResult, JobSummary } from '../src/shared/api/schemas'
import { result, round, summarise, type BenchResult } from './stats'
import type { ImageSet } from './synthetic-images'

/**
 * Imports the whole image set into a fresh workspace through the API (`imports.start`, then waiting for the job), as
 * the app does: scanning, hashing, decoding, thumbnails and catalogue writes all count. Each run gets its own
 * workspace, so nothing is a duplicate of a previous run.
 */
export async function benchImportThroughput(
  images: ImageSet,
  runs: number,
  log: (line: string) => void,
): Promise<BenchResult[]> {
  await warmFileCache(images.dir)
  const rates: number[] = []
  const coresBusy: number[] = []
  for (let run = 1; run <= runs; run++) {
    const workspaceDir = await mkdtemp(join(tmpdir(), 'loupe-bench-import-'))
    try {
      const loupe = await openLoupe({ workspaceDir })
      try {
        const cpuBefore = process.cpuUsage()
        const started = performance.now()
        const { id } = await loupe.client.api.imports.start({ paths: [images.dir] })
        const job = await loupe.jobs.settled(id)
        const seconds = (performance.now() - started) / 1000
        const cpu = process.cpuUsage(cpuBefore)
        checkImported(job, images.count)
        const thumbnails = countFiles(loupe.workspace.thumbsDir)
        if (thumbnails !== images.count) throw new Error(`expected ${images.count} thumbnails, found ${thumbnails}`)
        rates.push(images.count / seconds)
        coresBusy.push((cpu.user + cpu.system) / 1e6 / seconds)
        log(`  import run ${run}/${runs}: ${(images.count / seconds).toFixed(1)} images/s (${seconds.toFixed(1)} s)`)
      } finally {
        await loupe.close()
      }
    } finally {
      await rm(workspaceDir, { recursive: true, force: true })
    }
  }
  const megabytes = images.totalBytes / 1e6
  return [
    result(
      {
        id: 'import.throughput',
        name: `import ${images.count} JPEGs ${images.width}×${images.height} (incl. thumbnails)`,
        unit: 'images/s',
        higherIsBetter: true,
        details: {
          images: images.count,
          averageFileKB: round(images.totalBytes / images.count / 1024, 1),
          megabytesPerSecond: round((summarise(rates).median * megabytes) / images.count, 2),
          /** CPU seconds (all threads) per wall second while importing: how much of the machine the import used. */
          coresBusy: coresBusy.map((value) => round(value, 2)),
          sourceFilesInOsCache: true,
        },
      },
      rates,
    ),
  ]
}

function checkImported(job: JobSummary, expected: number): void {
  if (job.state !== 'completed') throw new Error(`import job ended ${job.state}: ${job.error ?? 'no error given'}`)
  const outcome = job.result as ImportResult
  if (outcome.added !== expected || outcome.failed.length > 0) {
    const firstFailure = outcome.failed[0]
    throw new Error(
      `import added ${outcome.added} of ${expected} images, ${outcome.failed.length} failed` +
        (firstFailure ? ` (first: ${firstFailure.path}: ${firstFailure.reason})` : ''),
    )
  }
}

/** Reads every source file once, so each run finds them in the OS cache rather than only the runs after the first. */
async function warmFileCache(dir: string): Promise<void> {
  for (const name of readdirSync(dir)) if (!name.startsWith('.')) await readFile(join(dir, name))
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && !entry.name.endsWith('.tmp'),
  ).length
}
