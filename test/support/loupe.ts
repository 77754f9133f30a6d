import { openLoupe, type Loupe } from '../../src/main/app/loupe'
import type { ImportResult, JobSummary } from '../../src/shared/api/schemas'
import { tempDir } from './paths'

/** Invokes one API channel through the dispatcher; a refusal is thrown as an Error carrying its code and details. */
export async function callApi<T>(loupe: Loupe, channel: string, request: unknown = {}): Promise<T> {
  const envelope = await loupe.dispatcher.invoke(channel, request)
  if (!envelope.ok) {
    throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code, details: envelope.error.details })
  }
  return envelope.value as T
}

export async function freshLoupe(): Promise<Loupe> {
  return openLoupe({ workspaceDir: await tempDir('loupe-ws-') })
}

/** Starts an import through the API boundary, the way the UI does, and waits for it to stop. */
export async function importThroughApi(
  loupe: Loupe,
  paths: string[],
  labelsFromFolders = false,
): Promise<{ job: JobSummary; result: ImportResult }> {
  const envelope = await loupe.dispatcher.invoke('imports.start', { paths, labelsFromFolders })
  if (!envelope.ok) throw new Error(envelope.error.message)
  const job = await loupe.jobs.settled((envelope.value as { id: number }).id)
  return { job, result: job.result as ImportResult }
}
