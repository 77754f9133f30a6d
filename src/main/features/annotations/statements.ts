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
