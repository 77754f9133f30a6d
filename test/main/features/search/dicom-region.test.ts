import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { SHARED_DATA, tempDir } from '../../../support/paths'

const MODEL_DIR = join(SHARED_DATA, '..', 'models', 'mobilenet-v2-0.35-224')
/** 15 frames of a 10×10 dose grid, each its own catalogue image. */
const MULTI_FRAME = join(SHARED_DATA, 'dicom', 'rtdose.dcm')

let loupe: Loupe
let frames: { id: number; frame: number }[]


beforeAll(async () => {
  loupe = await freshLoupe()
  const dir = await tempDir()
  await copyFile(MULTI_FRAME, join(dir, 'rtdose.dcm'))
  await importThroughApi(loupe, [dir])
  await loupe.client.api.models.add({ path: MODEL_DIR })
  await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
  frames = loupe.workspace.db.prepare('SELECT id, frame FROM images ORDER BY frame').all() as { id: number; frame: number }[]
})

afterAll(async () => loupe?.close())

describe('region search on a frame of a multi-frame DICOM file', () => {
  it('embeds the region from that frame, not from the first', async () => {
    expect(frames).toHaveLength(15)
    const whole = { x: 0, y: 0, width: 10, height: 10 }
    for (const { id, frame } of [frames[7]!, frames[14]!]) {
      const [best, next] = await loupe.client.api.search.similar({ query: { imageId: id, region: whole }, k: 2 })
      expect(best, `frame ${frame}`).toMatchObject({ id })
      expect(best!.score).toBeGreaterThan(0.999)
      // The frames differ enough for this to tell: another frame's region would have found that frame.
      expect(next!.score).toBeLessThan(0.999)
    }
  })
})
