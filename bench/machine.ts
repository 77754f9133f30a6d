import { execFileSync } from 'node:child_process'
import { cpus, loadavg, release, totalmem } from 'node:os'
import Database from 'better-sqlite3'
import sharp from 'sharp'

/** What the figures were measured on, so results from different machines and commits can be told apart. */
export function machineInfo() {
  const processors = cpus()
  const sqlite = new Database(':memory:')
  const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  sqlite.close()
  return {
    cpus: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cpuMHz: processors[0]?.speed ?? null,
    memoryGB: Math.round(totalmem() / 1e8) / 10,
    platform: `${process.platform} ${release()}`,
    arch: process.arch,
    node: process.version,
    v8: process.versions.v8,
    sqlite: sqliteVersion,
    libvips: sharp.versions.vips,
    /** Threads libvips uses per image operation (sharp picks 1 on glibc Linux without jemalloc). */
    sharpConcurrency: sharp.concurrency(),
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    gitCommit: git(['rev-parse', '--short', 'HEAD']),
    gitDirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
  }
}

/** 1-minute load average: above the CPU count means other work competed with the benchmark. */
export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}
