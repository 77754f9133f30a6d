import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runLoupe } from '../../../support/cli'
import { tempDir } from '../../../support/paths'

describe('loupe export into a path that cannot be a folder', () => {
  it('prints a sentence naming the folder and the reason, and no error code', async () => {
    const ws = await tempDir('loupe-ws-')
    const plain = join(await tempDir(), 'notes.txt')
    await writeFile(plain, 'a file')
    const run = runLoupe('--workspace', ws, 'export', join(plain, 'out'), '--format', 'coco')
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`loupe: Could not create the export folder ${join(plain, 'out')}: a file stands where a folder is expected.\n`)
  })
})
