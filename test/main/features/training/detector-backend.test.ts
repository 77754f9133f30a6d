import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { PrelabelResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, tempDir } from '../../../support/paths'

let loupe: Loupe | undefined
afterAll(async () => {
  await loupe?.close()
  delete process.env.LOUPE_BACKEND
})

describe('the detector\'s backend', () => {
  it('is wasm, not plain JavaScript, even where LOUPE_BACKEND names cpu for the classifier and not wasm', async () => {
    // 0.14 images/s on plain JavaScript against 2-5 on wasm here: what made a first pre-label run crawl.
    process.env.LOUPE_BACKEND = 'cpu'
    loupe = await freshLoupe()
    const folder = await tempDir()
    await copyFile(join(COCO_IMAGES, '000000000009.jpg'), join(folder, '000000000009.jpg'))
    await importThroughApi(loupe, [folder])
    const job = await loupe.jobs.settled((await loupe.client.api.training.prelabel({ threshold: 0.3 })).id)
    expect(job.error).toBeNull()
    expect((job.result as PrelabelResult).backend).toMatch(/^wasm/)
  })
})
