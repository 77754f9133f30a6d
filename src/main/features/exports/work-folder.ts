import { createHash } from 'node:crypto'
import { lstat, rm } from 'node:fs/promises'
import { resolve } from 'node:path'

/**
 * Where an export job builds its folder before renaming it into place: beside the target, named after the workspace
 * and the job, so every run of one job uses the same folder and a run after an interruption (a crash, a kill) finds
 * what the interrupted run left there.
 */
export function workFolderFor(out: string, workspaceKey: string, jobId: number): string {
  const tag = createHash('sha256').update(`${workspaceKey}\0${jobId}`).digest('hex').slice(0, 12)
  return `${resolve(out)}.tmp-${tag}`
}

/** Removes what an interrupted run left in its work folder; true when there was something. */
export async function removeLeftover(workFolder: string): Promise<boolean> {
  const found = await lstat(workFolder).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      // Not there, or cannot be (a file where a parent folder should be: the export itself says so in words).
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return false
      throw error
    },
  )
  if (found) await rm(workFolder, { recursive: true, force: true })
  return found
}
