import type { Statement } from 'better-sqlite3'
import type { Db } from '../../platform/storage/database'

/** Each SQL text compiled once per connection and reused: edits run a dozen small statements each. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

/** The id the next row of an AUTOINCREMENT table gets, known before inserting so the undo entry can name it. */
export function nextRowId(sql: StatementCache, table: 'boxes' | 'measurements'): number {
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence; ids are never reused, even after undo.
  const row = sql.get(`SELECT seq FROM sqlite_sequence WHERE name = '${table}'`).get() as { seq: number } | undefined
  const highest = sql.get(`SELECT max(id) AS id FROM ${table}`).get() as { id: number | null }
  return Math.max(row?.seq ?? 0, highest.id ?? 0) + 1
}
