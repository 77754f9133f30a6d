import { execFileSync, spawn } from 'node:child_process'
import { truncate, writeFile } from 'node:fs/promises'

/** A named pipe; node:fs cannot make one. */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path])
}

/**
 * Holds the FIFO's write end open in a shell, which blocks until something opens the FIFO for reading. `opened`
 * resolves when that happens: a test races it against the code under test, so code that wrongly opens the FIFO fails
 * the test instead of hanging it (the writer then sends a byte and closes, so the reader gets an end too).
 */
export function watchFifoReaders(path: string): { opened: Promise<void>; stop(): void } {
  const writer = spawn('sh', ['-c', 'printf x > "$1"', 'sh', path], { stdio: 'ignore' })
  const opened = new Promise<void>((resolve) => writer.once('exit', () => resolve()))
  return {
    opened,
    stop: () => {
      if (writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL')
    },
  }
}

/** A file that reports `bytes` bytes without using the disk for them (a sparse file). */
export async function makeSparseFile(path: string, bytes: number): Promise<void> {
  await writeFile(path, '')
  await truncate(path, bytes)
}
