import type { Loupe } from '../../app/loupe'
import type { Output } from '../output'

export function statsCommand(loupe: Loupe, output: Output): void {
  const stats = loupe.catalog.stats()
  output.result(stats, () => {
    const lines = [
      `Workspace: ${loupe.workspace.dir}`,
      `Images:    ${stats.images} (${stats.labelled} labelled${stats.missing ? `, ${stats.missing} missing on disk` : ''})`,
      `Boxes:     ${stats.boxes}`,
      `Status:    ${Object.entries(stats.byStatus)
        .map(([status, n]) => `${status.replace('_', ' ')} ${n}`)
        .join(', ')}`,
    ]
    const labels = Object.entries(stats.byLabel)
    if (labels.length) lines.push('Labels:', ...labels.map(([name, n]) => `  ${name}: ${n}`))
    return lines.join('\n')
  })
}
