import { spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLoupe, type Loupe } from '../../../../src/main/app/loupe'
import type { ExportResult } from '../../../../src/shared/api/schemas'
import { writeJpeg } from '../../../support/images'
import { importThroughApi } from '../../../support/loupe'
import { REPO_ROOT, tempDir } from '../../../support/paths'
import { makeFifo } from '../../platform/fs/special-files'

const CHILD = join(REPO_ROOT, 'test/main/features/exports/export-child.ts')
const IMAGES = 12

let loupe: Loupe | undefined
const children: ReturnType<typeof spawn>[] = []
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  await loupe?.close()
  loupe = undefined
})

/** Resolves once an entry whose name starts with `prefix` is in `dir`. */
function appears(dir: string, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () =>
      readdir(dir).then((names) => {
        const found = names.find((name) => name.startsWith(prefix))
        if (found) {
          watcher.close()
          resolve(found)
        }
      }, reject)
    const watcher = watch(dir, check)
    void check()
  })
}

describe.runIf(process.platform !== 'win32')('an export killed part-way', () => {
  it('resumes by starting over, removes the unfinished folder and says so', async () => {
    const workspaceDir = await tempDir('loupe-ws-')
    const images = await tempDir()
    await Promise.all(Array.from({ length: IMAGES }, (_, i) => writeJpeg(join(images, `img-${String(i).padStart(2, '0')}.jpg`), 70 + i, 64, 48)))
    loupe = await openLoupe({ workspaceDir })
    expect((await importThroughApi(loupe, [images])).result.added).toBe(IMAGES)
    await loupe.close()
    loupe = undefined

    // The last image becomes a FIFO: copying it waits for a writer that never comes, so the export cannot finish
    // before it is killed, whatever the machine's speed.
    const last = join(images, `img-${IMAGES - 1}.jpg`)
    const bytes = await readFile(last)
    await rm(last)
    makeFifo(last)
    const out = join(await tempDir(), 'dataset')
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, workspaceDir, out], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(child)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    const leftover = await Promise.race([
      appears(dirname(out), 'dataset.tmp-'),
      exited.then(() => Promise.reject(new Error('the export process ended before it began writing'))),
    ])
    child.kill('SIGKILL')
    await exited
    await rm(last)
    await writeFile(last, bytes)

    loupe = await openLoupe({ workspaceDir })
    const [job] = loupe.jobs.list().filter((summary) => summary.kind === 'export')
    expect(job).toMatchObject({ state: 'interrupted', resumable: true })
    expect(await readdir(dirname(out))).toEqual([leftover])

    await loupe.client.api.jobs.resume({ id: job!.id })
    const finished = await loupe.jobs.settled(job!.id)
    expect(finished.state).toBe('completed')
    const result = finished.result as ExportResult
    expect(result.warnings).toContain(
      `This export was interrupted before it finished; it started over, and the unfinished folder it had left (${join(dirname(out), leftover)}) was removed.`,
    )
    expect(await readdir(dirname(out))).toEqual(['dataset'])
    expect(await readdir(join(out, 'images'))).toHaveLength(IMAGES)
    expect(await readdir(join(out, 'labels'))).toHaveLength(IMAGES)
  })
})
