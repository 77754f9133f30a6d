import { expect, type Locator, type Page } from '@playwright/test'

/** Rows of jobs a person started: automatic indexing, which may start after any import, is left out. */
const startedRows = (page: Page): Locator => page.locator('[data-testid="job-row"]:not([data-job-background="true"])')

/**
 * The id of the job a person started heading the tray (the newest shown), or null when none is. Counting rows cannot
 * tell that a job was added: a job that finishes folds the one that finished before it away, so the count may stay.
 */
export async function newestJobId(page: Page): Promise<string | null> {
  const rows = startedRows(page)
  return (await rows.count()) > 0 ? rows.first().getAttribute('data-job-id') : null
}

/** Waits until a job newer than the one that headed the tray (`before`) heads it, and returns its row. */
export async function newJobRow(page: Page, before: string | null): Promise<Locator> {
  await expect.poll(() => newestJobId(page)).not.toBe(before)
  return startedRows(page).first()
}
