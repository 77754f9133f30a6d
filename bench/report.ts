import type { BenchResult } from './stats'

/** An aligned plain-text table: name, median, p95, unit, n. */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['benchmark', 'median', 'p95', 'unit', 'n']
  const rows = results.map((r) => [r.name, formatNumber(r.median), r.p95 === null ? '–' : formatNumber(r.p95), r.unit, String(r.n)])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const numeric = [false, true, true, false, true]
  const line = (cells: string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd()
  const rule = widths.map((width) => '─'.repeat(width)).join('  ')
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** Three significant figures or so, without scientific notation. */
export function formatNumber(value: number): string {
  const magnitude = Math.abs(value)
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
  return value.toFixed(digits)
}

export function formatDuration(ms: number): string {
  const seconds = ms / 1000
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}
