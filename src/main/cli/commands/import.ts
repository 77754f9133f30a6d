import { resolve } from 'node:path'
import type { ImportResult } from '../../../shared/api/schemas'
import type { Loupe } from '../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

export async function importCommand(
  loupe: Loupe,
  paths: string[],
  labelsFromFolders: boolean,
  output: Output,
): Promise<void> {
  const { id } = await call(loupe, paths, labelsFromFolders)
  const job = await followJob(loupe, id, output)
  const result = job.result as ImportResult
  output.result(
    { added: result.added, duplicates: result.duplicates, relinked: result.relinked, failed: result.failed },
    () => describeImport(result),
  )
}

async function call(loupe: Loupe, paths: string[], labelsFromFolders: boolean): Promise<{ id: number }> {
  const envelope = await loupe.dispatcher.invoke('imports.start', {
    paths: paths.map((path) => resolve(path)),
    labelsFromFolders,
  })
  if (!envelope.ok) throw new Error(envelope.error.message)
  return envelope.value as { id: number }
}

export function describeImport(result: ImportResult): string {
  const lines = [
    `Added ${result.added} image${result.added === 1 ? '' : 's'}; ${result.duplicates} already in the catalogue` +
      (result.relinked ? `; ${result.relinked} moved and relinked` : '') +
      (result.failed.length ? `; ${result.failed.length} skipped:` : '.'),
  ]
  for (const failure of result.failed) lines.push(`  ${failure.path}: ${failure.reason}`)
  return lines.join('\n')
}
