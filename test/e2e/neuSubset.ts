import { copyFile, mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SHARED_DATA } from './fixtures'

const NEU = join(SHARED_DATA, 'neu-det')

/**
 * A new scratch folder holding the first `perClass` NEU-DET images of each class in `images/`, with their Pascal VOC
 * files in `annotations/`, as a person would import them. The caller removes it.
 */
export async function neuSubset(classes: readonly string[], perClass: number): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'loupe-e2e-neu-'))
  await mkdir(join(scratch, 'images'))
  await mkdir(join(scratch, 'annotations'))
  for (const name of classes) {
    for (let i = 1; i <= perClass; i++) {
      await copyFile(join(NEU, 'images', `${name}_${i}.jpg`), join(scratch, 'images', `${name}_${i}.jpg`))
      await copyFile(join(NEU, 'annotations', `${name}_${i}.xml`), join(scratch, 'annotations', `${name}_${i}.xml`))
    }
  }
  return scratch
}
