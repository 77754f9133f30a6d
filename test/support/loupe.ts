import { join } from 'node:path'
import { openLoupe, type Loupe } from '../../src/main/app/loupe'
import type { ImportResult, JobSummary } from '../../src/shared/api/schemas'
import { writeJpeg } from './images'
import { tempDir } from './paths'

export async function freshLoupe(): Promise<Loupe> {
  return openLoupe({ workspaceDir: await tempDir('loupe-ws-') })
}

/** Starts an import through the API boundary, the way the UI does, and waits for it to stop. */
export async function importThroughApi(
  loupe: Loupe,
  paths: string[],
  labelsFromFolders = false,
): Promise<{ job: JobSummary; result: ImportResult }> {
  const { id } = await loupe.client.api.imports.start({ paths, labelsFromFolders })
  const job = await loupe.jobs.settled(id)
  return { job, result: job.result as ImportResult }
}

/** A new workspace holding two pictures, a.jpg (400×300) and b.jpg (200×100), with their ids in that order. */
export async function twoImageWorkspace(): Promise<{ loupe: Loupe; workspaceDir: string; imageIds: number[] }> {
  const workspaceDir = await tempDir('loupe-ws-')
  const loupe = await openLoupe({ workspaceDir })
  const dir = await tempDir()
  await writeJpeg(join(dir, 'a.jpg'), 1, 400, 300)
  await writeJpeg(join(dir, 'b.jpg'), 2, 200, 100)
  await importThroughApi(loupe, [dir])
  const imageIds = loupe.catalog
    .listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 10 })
    .items.map((item) => item.id)
  return { loupe, workspaceDir, imageIds }
}
