import type { Loupe } from '../../../app/loupe'
import type { Output } from '../output'

export async function statsCommand(loupe: Loupe, output: Output): Promise<void> {
  const search = await loupe.search.status()
  const stats = {
    ...loupe.catalog.stats(),
    backend: search.backend,
    model: search.modelId,
    indexed: search.indexed,
  }
  output.result(stats, () => {
    const lines = [
      `Workspace: ${loupe.workspace.dir}`,
      `Images:    ${stats.images} (${stats.labelled} labelled${stats.missing ? `, ${stats.missing} missing on disk` : ''})`,
      `Boxes:     ${stats.boxes}${stats.polygons || stats.masks ? ` (${stats.polygons} polygons, ${stats.masks} masks)` : ''}`,
      `Search:    ${stats.indexed} indexed with ${stats.model} on ${stats.backend}` +
        (search.modelProblem ? ` (model not usable: ${search.modelProblem})` : ''),
      `Status:    ${Object.entries(stats.byStatus)
        .map(([status, n]) => `${status.replace('_', ' ')} ${n}`)
        .join(', ')}`,
    ]
    const labels = Object.entries(stats.byLabel)
    if (labels.length) lines.push('Labels:', ...labels.map(([name, n]) => `  ${name}: ${n}`))
    return lines.join('\n')
  })
}
