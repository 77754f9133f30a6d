import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { DEFAULT_MODEL_ID } from '../../../../src/main/engines/ml'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { CIFAR_MINI, MOBILENET_DIR, REPO_ROOT } from '../../../support/paths'

const V1_FILE = resolve(REPO_ROOT, '..', 'shared', 'models', 'tflite', 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite')
const V1 = 'mobilenet-v1-1.0-224'
const K = 10

let loupe: Loupe

beforeAll(async () => {
  loupe = await freshLoupe()
  // 300 CIFAR-10 images, 30 per class, labelled by their folder.
  await importThroughApi(loupe, [CIFAR_MINI], true)
  await loupe.client.api.models.add({ path: MOBILENET_DIR })
  await loupe.client.api.models.add({ path: V1_FILE })
})

afterAll(async () => loupe?.close())

/** Same-class precision@K of visual search over the whole catalogue, each image asking for its K nearest others. */
async function precisionAtK(modelId: string): Promise<number> {
  await loupe.client.api.models.activate({ id: modelId })
  const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
  expect(job.state, job.error ?? '').toBe('completed')
  const images = loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 }).items
  // Labelled by folder on import: the label is the class.
  const classOf = new Map(images.map((image) => [image.id, image.labels[0]]))
  let same = 0
  for (const image of images) {
    const hits = await loupe.client.api.search.similar({ query: { imageId: image.id }, k: K + 1 })
    const others = hits.filter((hit) => hit.id !== image.id).slice(0, K)
    same += others.filter((hit) => classOf.get(hit.id) === classOf.get(image.id)).length
  }
  return same / (images.length * K)
}

describe('search quality of the known models, through the app (CIFAR-10, 30 images per class)', () => {
  it('MobileNetV1 1.0 from its .tflite file finds more of the same class than MobileNetV2 0.35', async () => {
    const v2 = await precisionAtK(DEFAULT_MODEL_ID)
    const v1 = await precisionAtK(V1)
    console.log(`[quality] same-class precision@${K}: MobileNetV1 1.0 ${v1.toFixed(3)}, MobileNetV2 0.35 ${v2.toFixed(3)}`)
    expect(v1).toBeGreaterThan(v2 + 0.05)
  })
})
