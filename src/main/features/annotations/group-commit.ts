import { ApiError } from '../../../shared/api/errors'
import type { EventBus } from '../../platform/events/event-bus'
import type { Db } from '../../platform/storage/database'

interface Waiting {
  work: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/**
 * Group commit. With synchronous=FULL every transaction waits for the disk to sync its log, often the largest part
 * of a small edit (tens of ms on a slow disk); requests that arrive during the same turn of the event loop (a burst
 * from the canvas, a script firing many calls at once) therefore run together, in arrival order, in one transaction
 * and one sync. Each still runs alone in a savepoint, so a refused one is rolled back and refused by itself while
 * the others go on, and each gets its own reply, only after the whole group is committed: a reply still means saved.
 * The group's events are held back until the commit and each distinct one is sent once.
 */
export class GroupCommit {
  private waiting: Waiting[] = []

  /**
   * `around` runs the group inside its transaction, so its owner can keep what the requests of one group share and
   * write what is left to write before the commit.
   */
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    private readonly around: (group: () => void) => void = (group) => group(),
  ) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // setImmediate runs after the I/O callbacks of this turn, so requests that arrived together are grouped.
      if (this.waiting.length === 0) setImmediate(() => this.flush())
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
    })
  }

  private flush(): void {
    const group = this.waiting
    this.waiting = []
    if (!this.db.open) {
      const closed = new ApiError('conflict', 'The workspace closed before this change could be saved.')
      for (const request of group) request.reject(closed)
      return
    }
    const outcomes: Outcome[] = []
    try {
      this.events.batch(() =>
        this.db.transaction(() =>
          this.around(() => {
            for (const request of group) {
              try {
                // Nested, better-sqlite3 makes this a savepoint.
                outcomes.push({ ok: true, value: this.db.transaction(request.work)() })
              } catch (error) {
                outcomes.push({ ok: false, error })
              }
            }
          }),
        )(),
      )
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the group was saved.
      for (const request of group) request.reject(error)
      return
    }
    group.forEach((request, index) => {
      const outcome = outcomes[index]!
      if (outcome.ok) request.resolve(outcome.value)
      else request.reject(outcome.error)
    })
  }
}
