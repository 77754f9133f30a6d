import { describe, expect, it } from 'vitest'
import type { JobState, JobSummary } from '../../../src/shared/api/schemas'
import { jobCounts } from '../../../src/renderer/src/jobs/jobCounts'
import { arrange, latestFinished } from '../../../src/renderer/src/jobs/tray'

function job(id: number, state: JobState, more: Partial<JobSummary> = {}): JobSummary {
  return {
    id,
    kind: 'import',
    title: `Import ${id}`,
    heading: { id: 'importOne', values: { name: String(id) } },
    state,
    done: 10,
    total: 10,
    rate: null,
    etaSeconds: null,
    error: null,
    result: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    resumable: false,
    background: false,
    ...more,
  }
}

const ids = (jobs: readonly JobSummary[]) => jobs.map((each) => each.id)

describe('the job tray', () => {
  it('folds finished jobs into one group and keeps running, failed and resumable ones as rows', () => {
    const jobs = [
      job(1, 'completed'),
      job(2, 'cancelled'),
      job(3, 'failed'),
      job(4, 'cancelled', { resumable: true }),
      job(5, 'running'),
      job(6, 'completed'),
      job(7, 'queued'),
    ]
    const tray = arrange(jobs, new Set(), null)
    expect(ids(tray.rows)).toEqual([7, 5, 4, 3])
    expect(ids(tray.finished)).toEqual([6, 2, 1])
  })

  it('keeps the row of the job that finished last, and leaves dismissed jobs out', () => {
    const tray = arrange([job(1, 'completed'), job(2, 'completed'), job(3, 'completed')], new Set([1]), 2)
    expect(ids(tray.rows)).toEqual([2])
    expect(ids(tray.finished)).toEqual([3])
  })

  it('takes as the latest a job whose report says it has just finished, not a repeat of one already finished', () => {
    expect(latestFinished(null, job(4, 'running'), job(4, 'completed'))).toBe(4)
    expect(latestFinished(null, undefined, job(4, 'completed'))).toBe(4)
    expect(latestFinished(3, job(4, 'completed'), job(4, 'completed'))).toBe(3)
    expect(latestFinished(3, job(4, 'queued'), job(4, 'running'))).toBe(3)
    expect(latestFinished(3, job(4, 'running'), job(4, 'failed'))).toBe(3)
  })

  it('keeps the row of the job a person started when automatic indexing finishes after it, which leaves the tray', () => {
    const automatic = (state: JobState) => job(5, state, { kind: 'index', background: true })
    expect(latestFinished(4, automatic('running'), automatic('completed'))).toBe(4)
    const tray = arrange([job(3, 'completed'), job(4, 'completed'), automatic('completed')], new Set(), 4)
    expect(ids(tray.rows)).toEqual([4])
    expect(ids(tray.finished)).toEqual([3])
    // Running or paused (cancelled), it stays in sight with its Pause or Resume.
    expect(ids(arrange([automatic('running')], new Set(), null).rows)).toEqual([5])
    expect(ids(arrange([{ ...automatic('cancelled'), resumable: true }], new Set(), null).rows)).toEqual([5])
  })
})

describe('a job row’s counts', () => {
  const trained = (stoppedBy: string) => ({ model: 'classifier-1', versionId: 1, epochs: 14, bestEpoch: 9, stoppedBy, trainCount: 8, valCount: 2, valAccuracy: 0.5, perClass: {}, seconds: 1, predicted: 0, backend: 'cpu' })

  it('says where a training stopped early instead of a fraction that looks cut short', () => {
    const counts = jobCounts(job(1, 'completed', { kind: 'train', done: 54, total: 140, result: trained('early-stopping') }))
    expect(counts).toEqual({ kind: 'text', text: 'stopped early at epoch 14 (best 9)' })
  })

  it('shows a completed job short of its total as an amount, not as a fraction', () => {
    expect(jobCounts(job(1, 'completed', { done: 7, total: 9 }))).toEqual({ kind: 'amount', done: 7 })
    expect(jobCounts(job(1, 'completed', { done: 9, total: 9 }))).toEqual({ kind: 'fraction', done: 9, total: 9 })
  })

  it('shows a running job as a fraction, with an unknown total while it is being counted', () => {
    expect(jobCounts(job(1, 'running', { done: 14, total: 100 }))).toEqual({ kind: 'fraction', done: 14, total: 100 })
    expect(jobCounts(job(1, 'running', { done: 0, total: 0 }))).toEqual({ kind: 'fraction', done: 0, total: null })
    expect(jobCounts(job(1, 'failed', { done: 0, total: 0 }))).toBeNull()
  })
})
