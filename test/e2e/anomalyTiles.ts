import { copyFile, mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { SHARED_DATA } from './fixtures'
import type { HostApi } from './hostApi'

/** The backbone the anomaly engine has measured layers for (see src/main/engines/anomaly). */
const BACKBONE_DIR = join(SHARED_DATA, '..', 'models', 'mobilenet-v1-1.0-224')

export async function copyInto(dir: string, paths: string[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  await Promise.all(paths.map((path) => copyFile(path, join(dir, basename(path)))))
}

/**
 * Imports `folder` with a label per subfolder and learns "good" from the images labelled good through the API, with
 * the backbone anomaly detection is measured on: what a person does with the import dialog and the anomaly view.
 */
export async function importAndLearnGood(api: HostApi, folder: string): Promise<void> {
  await api.completed((await api.api.imports.start({ paths: [folder], labelsFromFolders: true })).id)
  const model = await api.api.models.add({ path: BACKBONE_DIR })
  await api.api.models.activate({ id: model.id })
  await api.completed((await api.api.anomaly.fit({ label: 'good' })).id)
}
