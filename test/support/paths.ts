import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
/** Read-only test data beside the checkout; the product never reads it. */
export const SHARED_DATA = resolve(REPO_ROOT, '..', 'shared', 'data')
export const COCO_IMAGES = join(SHARED_DATA, 'coco128', 'images')
export const CIFAR_MINI = join(SHARED_DATA, 'cifar10-mini')
/** Read-only model files beside the checkout (TF.js folders and the original .tflite files in tflite/). */
export const SHARED_MODELS = resolve(REPO_ROOT, '..', 'shared', 'models')
/** The real embedding model the tests add to a workspace. */
export const MOBILENET_DIR = resolve(REPO_ROOT, '..', 'shared', 'models', 'mobilenet-v2-0.35-224')

if (!existsSync(SHARED_DATA)) throw new Error(`Test data not found at ${SHARED_DATA}`)

export function tempDir(prefix = 'loupe-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}
