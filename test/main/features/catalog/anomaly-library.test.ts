import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { SHARED_MODELS, tempDir } from '../../../support/paths'
import { defectTiles, goodTiles } from '../../engines/anomaly/support'

/** The library sorted and filtered by the newest anomaly model's stored scores: 10 good magnetic tiles and 3 defects. */

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  await loupe.embedder.models.addModelFromFolder(join(SHARED_MODELS, 'mobilenet-v1-1.0-224'))
  loupe.embedder.use('mobilenet-v1-1.0-224')
  const folder = await tempDir('loupe-anomaly-library-')
  await copyInto(join(folder, 'good'), (await goodTiles()).filter((_, index) => index % 20 === 0).slice(0, 10))
  await copyInto(join(folder, 'defect'), (await defectTiles()).filter((_, index) => index % 9 === 0).slice(0, 3).map((defect) => defect.path))
  await importThroughApi(loupe, [folder], true)
})

afterAll(async () => {
  await loupe?.close()
})

async function copyInto(dir: string, paths: string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  await Promise.all(paths.map((path) => copyFile(path, join(dir, basename(path)))))
}

describe('the library by anomaly score', () => {
  it('without an anomaly model, images carry no score, nothing is anomalous and the stats say so', async () => {
    const page = await loupe.client.api.catalog.listImages({ sort: 'anomaly', descending: true })
    expect(page.items.every((item) => item.anomaly === null)).toBe(true)
    expect((await loupe.client.api.catalog.listImages({ filter: { anomalous: true } })).total).toBe(0)
    expect((await loupe.client.api.catalog.stats({})).anomaly).toBeNull()
  })

  it('sorts by the newest model’s score, defects first, and filters the anomalous ones', async () => {
    const { id } = await loupe.client.api.anomaly.fit({ label: 'good' })
    expect((await loupe.jobs.settled(id)).state).toBe('completed')
    const [model] = await loupe.client.api.anomaly.models({})

    const page = await loupe.client.api.catalog.listImages({ sort: 'anomaly', descending: true })
    const scores = page.items.map((item) => item.anomaly!.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(page.items.slice(0, 3).filter((item) => isDefect(item.id)).length).toBeGreaterThanOrEqual(2)
    for (const item of page.items) expect(item.anomaly!.anomalous).toBe(item.anomaly!.score >= model!.threshold)

    const anomalous = await loupe.client.api.catalog.listImages({ filter: { anomalous: true }, sort: 'anomaly', descending: true })
    expect(anomalous.items.map((item) => item.id)).toEqual(page.items.filter((item) => item.anomaly!.anomalous).map((item) => item.id))
    expect(anomalous.total).toBeGreaterThan(0)
    expect((await loupe.client.api.catalog.stats({})).anomaly).toEqual({ model: `${model!.name} v${model!.version}`, anomalous: anomalous.total })
  })

  it('rejects an "anomalous" filter that is not true, with a clear error', async () => {
    await expect(loupe.client.api.catalog.listImages({ filter: { anomalous: false as unknown as true } })).rejects.toThrow(/anomalous/)
  })
})

function isDefect(imageId: number): boolean {
  return loupe.catalog.getImage(imageId).path.includes('/defect/')
}
