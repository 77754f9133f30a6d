import { resolve } from 'node:path'
import type { AnnotationSource, ImportResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'

export async function importCommand(
  loupe: Loupe,
  paths: string[],
  options: { labelsFromFolders: boolean; annotations: AnnotationSource | undefined },
  output: Output,
): Promise<void> {
  const { id } = await loupe.client.api.imports.start({
    paths: paths.map((path) => resolve(path)),
    labelsFromFolders: options.labelsFromFolders,
    ...(options.annotations && { annotations: options.annotations }),
  })
  const job = await followJob(loupe, id, output)
  const result = job.result as ImportResult
  output.result(result, () => describeImport(result))
}

export function describeImport(result: ImportResult): string {
  const lines = [
    `Added ${result.added} image${result.added === 1 ? '' : 's'}; ${result.duplicates} already in the catalogue` +
      (result.relinked ? `; ${result.relinked} moved and relinked` : '') +
      (result.failed.length ? `; ${result.failed.length} skipped:` : '.'),
  ]
  for (const failure of result.failed) lines.push(`  ${failure.path}: ${failure.reason}`)
  const notes = result.annotations
  if (notes) {
    lines.push(
      `Annotations (${notes.format}): ${notes.boxes} boxes and ${notes.tags} tags on ${notes.images} images, ` +
        `${notes.classes} classes` + (notes.skipped.length ? `; ${notes.skipped.length} entries skipped:` : '.'),
    )
    for (const skipped of notes.skipped) {
      lines.push(`  ${skipped.file}${skipped.entry ? `, ${skipped.entry}` : ''}: ${skipped.reason}`)
    }
  }
  return lines.join('\n')
}
