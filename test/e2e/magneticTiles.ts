import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { defectTiles, goodTiles } from '../main/engines/anomaly/support'
import { SHARED_DATA } from './fixtures'
import type { HostApi } from './hostApi'

/** The backbone the anomaly engine has measured layers for (see src/main/engines/anomaly). */
export const BACKBONE_DIR = join(SHARED_DATA, '..', 'models', 'mobilenet-v1-1.0-224')

export async function copyInto(dir: string, paths: string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  await Promise.all(paths.map((path) => copyFile(path, join(dir, basename(path)))))
}

/** Ten good magnetic tiles into `scratch`/good and three defects into `scratch`/defect. */
export async function copyTileSubset(scratch: string): Promise<void> {
  await copyInto(join(scratch, 'good'), (await goodTiles()).filter((_, index) => index % 20 === 0).slice(0, 10))
  await copyInto(join(scratch, 'defect'), (await defectTiles()).filter((_, index) => index % 9 === 0).slice(0, 3).map((defect) => defect.path))
}

/**
 * Imports `folder` with a label per subfolder and puts the backbone above in use: a workspace ready to learn what good
 * looks like.
 */
export async function importTiles(api: HostApi, folder: string): Promise<void> {
  await api.completed((await api.api.imports.start({ paths: [folder], labelsFromFolders: true })).id)
  const model = await api.api.models.add({ path: BACKBONE_DIR })
  await api.api.models.activate({ id: model.id })
}

/** The tile subset above, imported: ten images labelled "good" and three labelled "defect". */
export async function importTileSubset(api: HostApi, scratch: string): Promise<void> {
  await copyTileSubset(scratch)
  await importTiles(api, scratch)
}

/** Imports `folder` as above and learns "good" from the images labelled good through the API. */
export async function importAndLearnGood(api: HostApi, folder: string): Promise<void> {
  await importTiles(api, folder)
  await api.completed((await api.api.anomaly.fit({ label: 'good' })).id)
}
