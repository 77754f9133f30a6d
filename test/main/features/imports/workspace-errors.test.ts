import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { writeJpeg } from '../../../support/images'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { tempDir } from '../../../support/paths'

let loupe: Loupe | undefined
afterEach(async () => {
  await loupe?.close()
  loupe = undefined
})

describe('an import that cannot write into the workspace', () => {
  it('says which folder and why in words, not with an error code', async () => {
    loupe = await freshLoupe()
    const dir = await tempDir()
    await writeJpeg(join(dir, 'a.jpg'), 5)
    // Something replaced the thumbnail cache with a file.
    await rm(loupe.workspace.thumbsDir, { recursive: true })
    await writeFile(loupe.workspace.thumbsDir, '')
    const { job } = await importThroughApi(loupe, [dir])
    expect(job.state).toBe('failed')
    expect(job.error).toBe(`Could not save a thumbnail in ${loupe.workspace.thumbsDir}: a file stands where a folder is expected.`)
  })
})
