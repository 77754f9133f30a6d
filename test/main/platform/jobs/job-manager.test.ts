import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src/shared/api/errors'
import { EventBus } from '../../../../src/main/platform/events/event-bus'
import { JobManager, type JobContext, type JobRunner } from '../../../../src/main/platform/jobs/job-manager'
import { openWorkspace, type Workspace } from '../../../../src/main/platform/workspace/workspace'
import { tempDir } from '../../../support/paths'
import type { JobTitle } from '../../../../src/shared/jobs/job-titles'

/** A job kind that keeps no state between runs (like exports and training): it counts how often it ran. */
class StartsOver implements JobRunner<{ n: number }, { runs: number }> {
  readonly kind = 'train' as const
  readonly resumable = false
  runs = 0
  title(): JobTitle {
    return { id: 'trainOnCrops', values: { model: 'none' } }
  }
  async run(context: JobContext): Promise<{ runs: number }> {
    this.runs++
    if (this.runs === 1) throw new Error('the first run fails')
    context.progress(1, 1)
    return { runs: this.runs }
  }
}

let workspace: Workspace | undefined
afterEach(() => {
  workspace?.close()
  workspace = undefined
})

function conflict(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('conflict')
    return (error as ApiError).message
  }
  throw new Error('expected a conflict')
}

describe('JobManager.resume', () => {
  it('runs an interrupted job of a kind without saved state again, and refuses its failed or completed jobs in words', async () => {
    workspace = openWorkspace(await tempDir('loupe-ws-'))
    const runner = new StartsOver()
    const jobs = new JobManager(workspace.db, new EventBus())
    jobs.register(runner)

    const failed = await jobs.settled(jobs.start('train', { n: 1 }))
    expect(failed).toMatchObject({ state: 'failed', resumable: false })
    expect(conflict(() => jobs.resume(failed.id))).toBe(
      `Job ${failed.id} failed, and train jobs keep nothing to carry on from: start a new one instead. ` +
        '(Only a job interrupted by the end of the program resumes, by starting over.)',
    )

    // As after a crash: the catalogue says running, and the next process finds it so.
    workspace.db.prepare(`UPDATE jobs SET state = 'running' WHERE id = ?`).run(failed.id)
    const restarted = new JobManager(workspace.db, new EventBus())
    restarted.register(runner)
    expect(restarted.get(failed.id)).toMatchObject({ state: 'interrupted', resumable: true })
    restarted.resume(failed.id)
    const done = await restarted.settled(failed.id)
    expect(done).toMatchObject({ state: 'completed', result: { runs: 2 }, resumable: false })
    expect(conflict(() => restarted.resume(failed.id))).toBe(
      `Job ${failed.id} is completed; only a job that stopped before it finished (cancelled, failed or interrupted) resumes.`,
    )
  })
})

describe('a job’s title', () => {
  it('is kept as data for a window to say in its language, and in English for the CLI; a job stored before has only the English', async () => {
    workspace = openWorkspace(await tempDir('loupe-ws-'))
    const jobs = new JobManager(workspace.db, new EventBus())
    jobs.register(new StartsOver())
    const id = jobs.start('train', { n: 1 })
    expect(jobs.get(id)).toMatchObject({ title: 'Train a classifier on box crops (none)', heading: { id: 'trainOnCrops', values: { model: 'none' } } })
    await jobs.settled(id)

    workspace.db.prepare('UPDATE jobs SET heading = NULL WHERE id = ?').run(id)
    expect(new JobManager(workspace.db, new EventBus()).get(id)).toMatchObject({ title: 'Train a classifier on box crops (none)', heading: null })
  })
})
