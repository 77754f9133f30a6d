import { afterEach } from 'vitest'
import type { Loupe } from '../../src/main/app/loupe'
import { freshLoupe } from './loupe'

/**
 * For a test file whose tests each open their own workspaces: call at the top level. `open` gives a fresh workspace
 * that is closed after the test that opened it; `close` closes one sooner (before a CLI process opens it).
 */
export function workspacePerTest() {
  const opened: Loupe[] = []
  afterEach(async () => {
    for (const loupe of opened.splice(0)) await loupe.close()
  })
  return {
    async open(): Promise<Loupe> {
      const loupe = await freshLoupe()
      opened.push(loupe)
      return loupe
    },
    async close(loupe: Loupe): Promise<void> {
      opened.splice(opened.indexOf(loupe), 1)
      await loupe.close()
    },
  }
}

/** Waits for a job started through the typed API to stop. */
export async function settled(loupe: Loupe, started: Promise<{ id: number }>) {
  return loupe.jobs.settled((await started).id)
}
