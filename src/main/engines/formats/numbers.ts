/**
 * The shortest decimal that reads back as exactly the same double, never in exponent notation:
 * JavaScript prints 1e-7 for tiny numbers, which some label parsers reject.
 */
export function plainDecimal(n: number): string {
  const text = String(n)
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!match) return text
  const [, sign = '', lead = '', rest = '', exp = '0'] = match
  const digits = lead + rest
  const point = 1 + Number(exp) // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Parses a decimal number, rejecting what Number() would quietly accept ('', '0x10', 'Infinity'). */
export function parseDecimal(text: string): number | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}
