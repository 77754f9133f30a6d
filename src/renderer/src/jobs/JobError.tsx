import { useState } from 'react'
import { t } from '../i18n/t'

/**
 * A failed job's error. Dataset errors put the whole story in the first line (what went wrong and the first problem)
 * and list every problem found on the lines after it; the list opens on request, the first line is always there.
 */
export function JobError({ error }: { error: string }) {
  const [open, setOpen] = useState(false)
  const [first = '', ...rest] = error.split('\n')
  const details = rest.map((line) => line.trim()).filter(Boolean)
  return (
    <div className="job-error" data-testid="job-error" data-details={details.length}>
      <p className="job-error-first" data-testid="job-error-first">
        {first}
      </p>
      {details.length > 0 && (
        <button
          type="button"
          className="link-button job-error-toggle"
          aria-expanded={open}
          data-testid="job-error-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? t('jobs.error.hide') : t('jobs.error.show')}
        </button>
      )}
      {open && (
        <ul className="result-list job-error-list" data-testid="job-error-list">
          {details.map((line, index) => (
            <li key={index} className="problem-line">
              {line}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
