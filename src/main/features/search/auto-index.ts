import type { IndexResult, JobSummary } from '../../../shared/api/schemas'
import type { EventBus } from '../../platform/events/event-bus'
import type { JobManager } from '../../platform/jobs/job-manager'
import type { Db } from '../../platform/storage/database'
import type { Embedder } from '../models'
import type { EmbeddingStore } from './embedding-store'
import type { IndexParams } from './index-runner'

const PAUSED_KEY = 'search.autoIndexPaused'

/**
 * Indexes new images in the background, so they reach search and the classifier's queues without anyone pressing
 * "Index now": after an import, when the model in use changes, when a model was installed, and when the workspace
 * opens with images waiting. The job runs in the background lane of the job manager, so any job a person starts goes
 * first and indexing carries on after it. Nothing starts while no model is usable (the UI offers to get one) or while
 * the person has paused it. Pausing stops a run in progress; the UI offers Pause, not Cancel, for an automatic run, so
 * that stopping it means "not until I say so" and shows as paused with Resume, rather than a cancel that the next
 * import would silently undo. (A run cancelled otherwise, e.g. by switching models, just stops.)
 */
export class AutoIndexer {
  /** Per model, how many images its last automatic run left unembedded (unreadable files): no reason to run again. */
  private readonly leftUnreadable = new Map<string, number>()
  /** Automatic jobs of this session, whose results say what their model could not read. */
  private readonly started = new Set<number>()
  /** Checks run one after another, so two events at once start one job. */
  private checks: Promise<number | null> = Promise.resolve(null)

  constructor(
    private readonly db: Db,
    private readonly jobs: JobManager,
    private readonly embedder: Embedder,
    private readonly store: EmbeddingStore,
    private readonly events: EventBus,
  ) {}

  get paused(): boolean {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(PAUSED_KEY) as { value: string } | undefined
    return row?.value === 'true'
  }

  /** Pausing stops an automatic run in progress (what it embedded is kept); resuming looks for work at once. */
  async setPaused(paused: boolean): Promise<void> {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(PAUSED_KEY, String(paused))
    this.events.emit('search.autoIndexChanged', { paused })
    if (!paused) {
      await this.check()
      return
    }
    const active = this.jobs.active('index')
    if (active !== undefined && this.jobs.get(active).background) this.jobs.cancel(active)
  }

  /** Starts (or resumes) an automatic index job if there is work and nothing stands in the way; its id, else null. */
  check(): Promise<number | null> {
    const next = this.checks.then(() => this.startIfNeeded())
    this.checks = next.catch(() => null)
    return next
  }

  /** Reacts to the events that bring images to index, starting with the ones already waiting. */
  watch(): () => void {
    const events = this.events
    const check = () => void this.check().catch((error: unknown) => console.error('Automatic indexing could not start:', error))
    const offs = [
      // Images added while no import runs (an import announces its batches as they land: it is waited for instead,
      // and indexing starts once it has stopped, with all its images).
      events.on('catalog.changed', ({ reason }) => {
        if (reason === 'import' && this.jobs.active('import') === undefined) check()
      }),
      // The model in use changed (chosen, installed, or this workspace's first): its embeddings may be missing.
      events.on('search.indexChanged', check),
      events.on('jobs.progress', (job) => this.onJob(job, check)),
    ]
    check()
    return () => offs.forEach((off) => off())
  }

  private onJob(job: JobSummary, check: () => void): void {
    const stopped = job.state !== 'queued' && job.state !== 'running'
    // An import that stopped, however (a cancelled one keeps what it added), and a model that arrived.
    if (stopped && (job.kind === 'import' || (job.kind === 'model-download' && job.state === 'completed'))) return check()
    if (this.started.has(job.id) && job.state === 'completed') {
      const { model } = job.result as IndexResult
      this.leftUnreadable.set(model, this.store.countMissing(model))
    }
  }

  private async startIfNeeded(): Promise<number | null> {
    if (this.paused) return null
    this.embedder.refresh()
    const modelId = this.embedder.modelId
    const active = this.jobs.active('index')
    if (active !== undefined) return active
    const missing = this.store.countMissing(modelId)
    if (missing === 0 || missing <= (this.leftUnreadable.get(modelId) ?? 0)) return null
    const usable = await this.embedder.verify(modelId).then(
      () => true,
      () => false,
    )
    if (!usable || this.paused || this.jobs.active('index') !== undefined) return null
    const params: IndexParams = { modelId, automatic: true }
    const stopped = this.jobs.findResumable('index', params)
    const id = stopped === undefined ? this.jobs.start('index', params, { background: true }) : this.jobs.resume(stopped, { background: true })
    this.started.add(id)
    return id
  }
}
