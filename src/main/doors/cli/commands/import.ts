import { resolve } from 'node:path'
import type { AnnotationSource, ImportResult, IndexResult } from '../../../../shared/api/schemas'
import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'
import { followJob } from '../run-job'
import { describeIndex } from './search'

/** The indexing that followed an import: its result, or why there was none. */
type IndexAfterImport = { index: IndexResult } | { index: null; notIndexed: string }

export async function importCommand(
  loupe: Loupe,
  paths: string[],
  options: { labelsFromFolders: boolean; annotations: AnnotationSource | undefined; index: boolean },
  output: Output,
): Promise<void> {
  const { id } = await loupe.client.api.imports.start({
    paths: paths.map((path) => resolve(path)),
    labelsFromFolders: options.labelsFromFolders,
    ...(options.annotations && { annotations: options.annotations }),
  })
  const job = await followJob(loupe, id, output)
  const result = job.result as ImportResult
  if (!options.index) return output.result(result, () => describeImport(result))
  // What the app does in the background after an import, done here before the command ends, so that a search right
  // after finds the new images.
  const indexing = await indexAfterImport(loupe, output)
  output.result({ ...result, ...indexing }, () =>
    [describeImport(result), indexing.index ? describeIndex(indexing.index) : `Not indexed for search: ${indexing.notIndexed}`].join('\n'),
  )
}

async function indexAfterImport(loupe: Loupe, output: Output): Promise<IndexAfterImport> {
  const status = await loupe.client.api.search.status({})
  if (status.modelProblem) return { index: null, notIndexed: status.modelProblem }
  if (status.autoIndexPaused) {
    return { index: null, notIndexed: 'indexing is paused in this workspace (resume it in the app, or run "loupe index").' }
  }
  const { id } = await loupe.client.api.search.index({})
  return { index: (await followJob(loupe, id, output)).result as IndexResult }
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
    for (const note of notes.notes ?? []) lines.push(`  note: ${note}`)
  }
  return lines.join('\n')
}
