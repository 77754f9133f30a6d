import { openLoupe, type Loupe } from '../../src/main/app/loupe'
import type { ImportResult, JobSummary } from '../../src/shared/api/schemas'
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
