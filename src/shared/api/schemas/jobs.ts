import { z } from 'zod'
import { JOB_TITLE_IDS } from '../../jobs/job-titles'

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const
export const JobState = z.enum(JOB_STATES)
export type JobState = z.infer<typeof JobState>

export const JobKind = z.enum(['import', 'export', 'index', 'train', 'prelabel', 'model-download', 'anomaly-fit', 'detector-train', 'detect', 'map-layout'])
export type JobKind = z.infer<typeof JobKind>

/** A job's title as data, for a window to say in its own language (src/shared/jobs/job-titles.ts). */
export const JobHeading = z.object({ id: z.enum(JOB_TITLE_IDS), values: z.record(z.string(), z.union([z.string(), z.number()])) })
export type JobHeading = z.infer<typeof JobHeading>

export const JobSummary = z.object({
  id: z.number().int(),
  kind: JobKind,
  /** The title in English. */
  title: z.string(),
  /** The same as data; null for a job stored before titles were kept so. */
  heading: JobHeading.nullable(),
  state: JobState,
  done: z.number().int(),
  total: z.number().int(),
  /** Items per second over the recent past; null until there is enough to say. */
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  error: z.string().nullable(),
  result: z.unknown().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether `jobs.resume` can carry on from where this job stopped. */
  resumable: z.boolean(),
  /** Work the workspace started by itself (automatic indexing): it gives way to jobs people start, and is paused, not cancelled. */
  background: z.boolean(),
})
export type JobSummary = z.infer<typeof JobSummary>

export const JobIdRequest = z.object({ id: z.number().int().positive() }).strict()
