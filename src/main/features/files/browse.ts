import { readdir } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import { ApiError } from '../../../shared/api/errors'
import type { BrowseListing } from '../../../shared/api/schemas'
import { isDicomFile } from '../../engines/dicom/files'
import { describeFsError } from '../../platform/fs/fs-errors'
import { forEachBounded } from '../../platform/jobs/for-each-bounded'

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp', '.gif'])

/** How many files without a telling extension are opened at once to look for DICOM's marker. */
const SNIFF_CONCURRENCY = 16

/**
 * Lists a folder's sub-folders, images and JSON files for the in-app import browser, which the browser host needs because a web
 * page cannot show a native dialog that returns paths. DICOM files count as images: .dcm and the like, and files
 * named without an extension (IM0001) or by their UID when they carry DICOM's marker.
 */
const MODEL_EXTENSIONS = new Set(['.onnx', '.tflite'])

export async function browseFolder(dir: string = homedir()): Promise<BrowseListing> {
  const path = resolve(dir)
  const entries = await readdir(path, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ApiError('not_found', `Cannot open ${path}: ${describeFsError(error)}.`)
  })
  const visible = entries.filter((entry) => !entry.name.startsWith('.'))
  const folders = visible.filter((entry) => entry.isDirectory())
  const files = visible.filter((entry) => entry.isFile())
  const isImage = new Set<string>()
  await forEachBounded(files, SNIFF_CONCURRENCY, new AbortController().signal, async (entry) => {
    const image = IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()) || (await isDicomFile(join(path, entry.name)))
    if (image) isImage.add(entry.name)
  })
  const images = files.filter((entry) => isImage.has(entry.name))
  // COCO annotations are one JSON file, which the import dialog lets the user pick here.
  const json = files.filter((entry) => extname(entry.name).toLowerCase() === '.json')
  // Model files, which Add model takes beside TensorFlow.js folders.
  const models = files.filter((entry) => MODEL_EXTENSIONS.has(extname(entry.name).toLowerCase()))
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
  const parent = dirname(path)
  return {
    dir: path,
    parent: parent === path ? null : parent,
    entries: [
      ...folders.sort(byName).map((entry) => ({ name: entry.name, path: join(path, entry.name), kind: 'dir' as const })),
      ...images.sort(byName).map((entry) => ({ name: entry.name, path: join(path, entry.name), kind: 'image' as const })),
      ...json.sort(byName).map((entry) => ({ name: entry.name, path: join(path, entry.name), kind: 'json' as const })),
      ...models.sort(byName).map((entry) => ({ name: entry.name, path: join(path, entry.name), kind: 'model' as const })),
    ],
  }
}
