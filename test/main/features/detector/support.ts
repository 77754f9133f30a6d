import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Loupe } from '../../../../src/main/app/loupe'
import { SHARED_DATA, SHARED_MODELS, tempDir } from '../../../support/paths'

export const NEU = join(SHARED_DATA, 'neu-det')
export const MOBILENET_V1_DIR = join(SHARED_MODELS, 'mobilenet-v1-1.0-224')

/** A folder with NEU-DET's images of these names (e.g. "crazing_1") and their VOC files, laid out as NEU is. */
export async function neuSubset(names: readonly string[]): Promise<string> {
  const dir = await tempDir('loupe-neu-')
  await mkdir(join(dir, 'images'))
  await mkdir(join(dir, 'annotations'))
  for (const name of names) {
    await copyFile(join(NEU, 'images', `${name}.jpg`), join(dir, 'images', `${name}.jpg`))
    await copyFile(join(NEU, 'annotations', `${name}.xml`), join(dir, 'annotations', `${name}.xml`))
  }
  return dir
}

export const neuNames = (kind: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, index) => `${kind}_${from + index}`)

/** Imports images with their VOC boxes through the real import job (the detector computes its own maps: no indexing needed). */
export async function importVoc(loupe: Loupe, dir: string): Promise<void> {
  const { id } = await loupe.client.api.imports.start({
    paths: [join(dir, 'images')],
    annotations: { format: 'voc', path: join(dir, 'annotations') },
  })
  const job = await loupe.jobs.settled(id)
  if (job.state !== 'completed') throw new Error(`import ${job.state}: ${job.error}`)
}
