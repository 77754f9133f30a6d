import { ApiError } from '../../../shared/api/errors'
import type { JobHeading, JobKind, JobState, JobSummary } from '../../../shared/api/schemas'
import { englishJobTitle, type JobTitle } from '../../../shared/jobs/job-titles'
import type { EventBus } from '../events/event-bus'
import type { Db } from '../storage/database'
import { ProgressMeter } from './progress-meter'

export interface JobContext {
  readonly jobId: number
  readonly signal: AbortSignal
  /** Report progress; cheap to call often, it is throttled before it reaches the catalogue and the UI. */
  progress(done: number, total: number): void
}

/** One kind of long work. `run` must stop soon after `signal` aborts, leaving what it finished consistent. */
export interface JobRunner<Params = unknown, Result = unknown> {
  readonly kind: JobKind
  /** What the job is, as a message id and values (see src/shared/jobs/job-titles.ts). */
  title(params: Params): JobTitle
  run(context: JobContext, params: Params): Promise<Result>
  /**
   * Whether a stopped job of this kind carries on from its saved state. One that keeps none can still be resumed after
   * an interruption (the process ended under it, nobody chose to stop it): it then runs again from the start, and its
   * runner must clear whatever the interrupted run left half-done.
   */
  readonly resumable: boolean
  /** For a cancel that arrived after the work was already done (and kept): the job then counts as completed. */
  finishedBeforeCancel?(result: Result): boolean
}

interface JobRow {
  id: number
  kind: JobKind
  title: string
  heading: string | null
  state: JobState
  params: string
  done: number
  total: number
  result: string | null
  error: string | null
  created_at: string
  updated_at: string
}

interface LiveJob {
  controller: AbortController
  meter: ProgressMeter
  lastPushedAt: number
  settled: Promise<void>
}

export interface StartOptions {
  /**
   * Background work (automatic indexing) gives way to every job a person starts: it waits while one is queued, and one
   * started while it runs stops it between batches, then it carries on after that job, as the same job.
   */
  background?: boolean
}

const PUSH_INTERVAL_MS = 200
const RESUMABLE_STATES: readonly JobState[] = ['cancelled', 'interrupted', 'failed']
/** The abort reason of a background job stepping aside: not a cancel, it is queued again. */
const GIVE_WAY = Symbol('give way to a job a person started')

/**
 * Runs long work one job at a time in the background, persists its state so it survives a restart, pushes progress
 * with rate and ETA, and lets the user cancel and resume. Indexing and training reuse it through their own runners.
 */
export class JobManager {
  private readonly runners = new Map<JobKind, JobRunner>()
  private readonly live = new Map<number, LiveJob>()
  private queue: Promise<void> = Promise.resolve()
  private readonly background = new Set<number>()
  /** Jobs people started that are queued and have not begun: background work waits until there are none. */
  private waitingForeground = 0

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {
    // Whatever was running when the last process ended did not finish: say so, and let it be resumed.
    this.db
      .prepare(`UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE state IN ('running', 'queued')`)
      .run(now())
  }

  register(runner: JobRunner<never, unknown>): void {
    this.runners.set(runner.kind, runner as JobRunner)
  }

  start<P>(kind: JobKind, params: P, options: StartOptions = {}): number {
    const runner = this.runner(kind)
    const stamp = now()
    const title = runner.title(params as never)
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO jobs (kind, title, heading, state, params, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
        )
        .run(kind, englishJobTitle(title), JSON.stringify(title), JSON.stringify(params), stamp, stamp).lastInsertRowid,
    )
    if (options.background) this.background.add(id)
    this.enqueue(id)
    return id
  }

  resume(id: number, options: StartOptions = {}): number {
    const row = this.row(id)
    const refusal = this.resumeRefusal(row)
    if (refusal) throw new ApiError('conflict', refusal)
    if (options.background) this.background.add(id)
    else this.background.delete(id)
    this.setState(id, 'queued', { error: null })
    this.enqueue(id)
    return id
  }

  cancel(id: number): void {
    const row = this.row(id)
    const live = this.live.get(id)
    if (live) live.controller.abort()
    else if (row.state === 'queued') this.setState(id, 'cancelled')
  }

  list(): JobSummary[] {
    const rows = this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT 50').all() as JobRow[]
    return rows.map((row) => this.summary(row))
  }

  get(id: number): JobSummary {
    return this.summary(this.row(id))
  }

  /** Resolves once the job has stopped, however it stopped. */
  async settled(id: number): Promise<JobSummary> {
    for (;;) {
      await this.queue
      const live = this.live.get(id)
      if (live) await live.settled
      const summary = this.get(id)
      if (summary.state !== 'queued' && summary.state !== 'running') return summary
    }
  }

  /** Finds an unfinished job of this kind started with exactly these parameters, so a repeated request resumes it. */
  findResumable(kind: JobKind, params: unknown): number | undefined {
    const row = this.db
      .prepare(
        `SELECT id FROM jobs WHERE kind = ? AND params = ? AND state IN ('cancelled', 'interrupted', 'failed')
         ORDER BY id DESC LIMIT 1`,
      )
      .get(kind, JSON.stringify(params)) as { id: number } | undefined
    return row?.id
  }

  /** The newest job of this kind that is queued or running, if any. */
  active(kind: JobKind): number | undefined {
    const row = this.db
      .prepare(`SELECT id FROM jobs WHERE kind = ? AND state IN ('queued', 'running') ORDER BY id DESC LIMIT 1`)
      .get(kind) as { id: number } | undefined
    return row?.id
  }

  /** Stops the running job (it stays resumable) and waits for it to let go of the catalogue. */
  async close(): Promise<void> {
    for (const live of this.live.values()) live.controller.abort()
    await Promise.all([...this.live.values()].map((live) => live.settled))
  }

  /** A person asked for this background job (e.g. "Index now" while it ran): from now on it gives way to nothing. */
  claim(id: number): void {
    if (this.background.delete(id)) this.push(id)
  }

  private enqueue(id: number): void {
    const foreground = !this.background.has(id)
    if (foreground) {
      this.waitingForeground++
      for (const [liveId, live] of this.live) if (this.background.has(liveId)) live.controller.abort(GIVE_WAY)
    }
    this.queue = this.queue.then(() => this.execute(id, foreground))
  }

  private async execute(id: number, foreground: boolean): Promise<void> {
    if (foreground) this.waitingForeground--
    const row = this.row(id)
    if (row.state !== 'queued') return
    // Behind the jobs people started since: queued again, after them (unless a person claimed it meanwhile).
    if (this.background.has(id) && this.waitingForeground > 0) return this.enqueue(id)
    const runner = this.runner(row.kind)
    const controller = new AbortController()
    let release!: () => void
    const live: LiveJob = {
      controller,
      meter: new ProgressMeter(),
      lastPushedAt: 0,
      settled: new Promise((resolve) => (release = resolve)),
    }
    this.live.set(id, live)
    this.setState(id, 'running')
    const context: JobContext = {
      jobId: id,
      signal: controller.signal,
      progress: (done, total) => this.onProgress(id, live, done, total),
    }
    try {
      const result = await runner.run(context, JSON.parse(row.params))
      if (controller.signal.reason === GIVE_WAY) return this.requeue(id)
      const cancelled = controller.signal.aborted && !runner.finishedBeforeCancel?.(result)
      this.setState(id, cancelled ? 'cancelled' : 'completed', { result: JSON.stringify(result ?? null) })
    } catch (error) {
      if (controller.signal.reason === GIVE_WAY) this.requeue(id)
      else if (controller.signal.aborted) this.setState(id, 'cancelled')
      else this.setState(id, 'failed', { error: error instanceof Error ? error.message : String(error) })
    } finally {
      this.live.delete(id)
      release()
    }
  }

  /** A background job that stepped aside waits again, behind the job it gave way to. */
  private requeue(id: number): void {
    this.setState(id, 'queued')
    this.enqueue(id)
  }

  /** Why `resume` does not apply to this job, or null when it does. */
  private resumeRefusal(row: JobRow): string | null {
    if (!RESUMABLE_STATES.includes(row.state)) {
      return `Job ${row.id} is ${row.state}; only a job that stopped before it finished (cancelled, failed or interrupted) resumes.`
    }
    if (row.state === 'interrupted' || this.runner(row.kind).resumable) return null
    return (
      `Job ${row.id} ${row.state === 'failed' ? 'failed' : 'was cancelled'}, and ${row.kind} jobs keep nothing to carry on ` +
      `from: start a new one instead. ` +
      `(Only a job interrupted by the end of the program resumes, by starting over.)`
    )
  }

  private onProgress(id: number, live: LiveJob, done: number, total: number): void {
    live.meter.record(done)
    const at = performance.now()
    if (at - live.lastPushedAt < PUSH_INTERVAL_MS && done < total) return
    live.lastPushedAt = at
    this.db.prepare('UPDATE jobs SET done = ?, total = ?, updated_at = ? WHERE id = ?').run(done, total, now(), id)
    this.push(id)
  }

  private setState(id: number, state: JobState, extra: { result?: string; error?: string | null } = {}): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = @state, updated_at = @updatedAt,
           result = coalesce(@result, result), error = CASE WHEN @clearError THEN NULL ELSE coalesce(@error, error) END
         WHERE id = @id`,
      )
      .run({
        id,
        state,
        updatedAt: now(),
        result: extra.result ?? null,
        error: extra.error ?? null,
        clearError: extra.error === null ? 1 : 0,
      })
    this.push(id)
  }

  private push(id: number): void {
    this.events.emit('jobs.progress', this.get(id))
  }

  private summary(row: JobRow): JobSummary {
    const live = this.live.get(row.id)
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      heading: row.heading === null ? null : (JSON.parse(row.heading) as JobHeading),
      state: row.state,
      done: row.done,
      total: row.total,
      rate: live?.meter.rate() ?? null,
      etaSeconds: live?.meter.etaSeconds(row.total) ?? null,
      error: row.error,
      result: row.result === null ? null : JSON.parse(row.result),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      resumable: this.runners.has(row.kind) && this.resumeRefusal(row) === null,
      background: this.background.has(row.id),
    }
  }

  private row(id: number): JobRow {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined
    if (!row) throw new ApiError('not_found', `There is no job ${id}.`)
    return row
  }

  private runner(kind: JobKind): JobRunner {
    const runner = this.runners.get(kind)
    if (!runner) throw new ApiError('unsupported', `No runner is registered for ${kind} jobs.`)
    return runner
  }
}

const now = (): string => new Date().toISOString()
