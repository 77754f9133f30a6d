import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, SHARED_DATA } from './fixtures'
import type { HostApi } from './hostApi'
import { INDEX_TIMEOUT } from './searchView'

const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')
export const CLASSES = ['airplane', 'automobile', 'bird', 'frog', 'ship', 'truck']
export const PER_CLASS = 10
export const IMAGE_COUNT = CLASSES.length * PER_CLASS

/** A folder per class of a few CIFAR-10 images each: the import labels them by folder. */
export async function cifarSubset(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'loupe-map-e2e-'))
  for (const label of CLASSES) {
    await mkdir(join(root, label))
    const names = (await readdir(join(CIFAR_MINI, label))).sort().slice(0, PER_CLASS)
    await Promise.all(names.map((name) => copyFile(join(CIFAR_MINI, label, name), join(root, label, name))))
  }
  return root
}

/** Imports the folder through the API, labelled by folder, and waits until the host has indexed every image. */
export async function importedAndIndexed(api: HostApi, folder: string): Promise<void> {
  await api.completed((await api.api.imports.start({ paths: [folder], labelsFromFolders: true })).id)
  // The host indexes new images by itself.
  await expect.poll(async () => (await api.api.search.status({})).indexed, { timeout: INDEX_TIMEOUT }).toBe(IMAGE_COUNT)
}
