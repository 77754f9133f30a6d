import type { ReactNode } from 'react'
import type { JobSummary } from '../../../shared/api/schemas'
import { t, tRich } from '../i18n/t'
import { PathText } from '../ui/PathText'

/** A job's title in the page's language; a job stored before titles were kept as data has only its English one. */
export function jobTitleText(job: JobSummary): string {
  return job.heading ? t(`jobTitles.${job.heading.id}`, job.heading.values) : job.title
}

/** The same for the job tray: an export's folder keeps the end of its path, which says where, when the row is narrow. */
export function jobTitleContent(job: JobSummary): ReactNode {
  const heading = job.heading
  if (heading?.id !== 'export') return jobTitleText(job)
  return tRich('jobTitles.export', { ...heading.values, path: <PathText className="job-title-path" path={String(heading.values.path)} /> })
}
