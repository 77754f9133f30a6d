/** Where the CLI writes: JSON alone on stdout when asked for, everything for people on stderr or stdout otherwise. */
export interface Output {
  readonly json: boolean
  result(value: unknown, human: () => string): void
  progress(line: string): void
  endProgress(): void
}

export function createOutput(json: boolean): Output {
  const live = process.stderr.isTTY === true
  let shown = false
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`)
    },
    progress(line) {
      if (!live) return
      process.stderr.write(`\r\x1b[2K${line}`)
      shown = true
    },
    endProgress() {
      if (shown) process.stderr.write('\r\x1b[2K')
      shown = false
    },
  }
}

export function formatEta(seconds: number | null): string {
  if (seconds === null) return ''
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`
  return `about ${Math.ceil(seconds / 60)} min left`
}
