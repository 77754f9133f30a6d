import type { Locator } from '@playwright/test'
import { expect } from './fixtures'

/** Long enough for the default model to embed a few dozen images on a busy machine. */
export const INDEX_TIMEOUT = 90_000

/** The results of the latest question, once they are in. */
export async function resultsIn(view: Locator): Promise<void> {
  await expect(view.getByTestId('search-results')).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
  await expect(view.getByTestId('search-hit').first()).toBeVisible()
}

/** Nobody presses "Index now": once there is a model, new images are indexed in the background. */
export async function indexedByItself(view: Locator, indexed: number): Promise<void> {
  const status = view.getByTestId('search-status')
  await expect(status).toHaveAttribute('data-pending', '0', { timeout: INDEX_TIMEOUT })
  await expect(status).toHaveAttribute('data-indexed', String(indexed))
}
