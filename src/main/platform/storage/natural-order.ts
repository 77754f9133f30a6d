import type Database from 'better-sqlite3'

/** The SQL function that gives a name its natural sort key: `ORDER BY natural_key(name)`. */
export const NATURAL_KEY = 'natural_key'

/** Digits of a run's length: a 999-digit number is longer than any name part worth telling apart by length. */
const LENGTH_DIGITS = 3

/**
 * A key that sorts, byte by byte, as a person reads names: "crazing_2" before "crazing_10", case aside.
 * better-sqlite3 cannot register a collation, so the order comes from a key instead: every run of digits, leading
 * zeros dropped, is prefixed with its length, so a shorter number sorts first and numbers of one length as digits.
 * Zeros dropped still count in a last tie-break, so "a01" and "a1" keep one order rather than comparing equal.
 */
export function naturalKey(name: string): string {
  let zeros = ''
  const key = name.toLowerCase().replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, '')
    zeros += String(run.length - digits.length)
    return String(digits.length).padStart(LENGTH_DIGITS, '0') + digits
  })
  return `${key}\u0001${zeros}`
}

export function registerNaturalKey(db: Database.Database): void {
  db.function(NATURAL_KEY, { deterministic: true }, (name: unknown) => (typeof name === 'string' ? naturalKey(name) : name))
}
