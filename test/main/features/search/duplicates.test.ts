import { copyFile, mkdir, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import { loupeJson, runLoupe } from '../../../support/cli'
import { freshLoupe } from '../../../support/loupe'
import { COCO_IMAGES, MOBILENET_DIR, SHARED_DATA, tempDir } from '../../../support/paths'

const NEU = join(SHARED_DATA, 'neu-det')

/** The ways a copy is made without meaning a new picture; each of the 10 copies gets one. */
const ALTERATIONS: Record<string, (image: Sharp, width: number, height: number) => Sharp> = {
  reencoded: (image) => image.jpeg({ quality: 70 }),
  halved: (image, width) => image.resize(Math.round(width / 2)).jpeg({ quality: 90 }),
  cropped: (image, width, height) =>
    image.extract({ left: Math.round(width * 0.03), top: Math.round(height * 0.02), width: Math.round(width * 0.95), height: Math.round(height * 0.95) }).png(),
  trimmed: (image, width, height) => image.extract({ left: 0, top: 0, width: Math.round(width * 0.95), height }).jpeg({ quality: 85 }),
}

let loupe: Loupe
let workspaceDir: string
/** Copy file name → original file name. */
const originals = new Map<string, string>()

beforeAll(async () => {
  loupe = await freshLoupe()
  workspaceDir = loupe.workspace.dir
  await loupe.client.api.models.add({ path: MOBILENET_DIR })
  // The whole dataset with its boxes, so the originals are annotated and the copies not.
  const imported = await loupe.jobs.settled(
    (await loupe.client.api.imports.start({ paths: [join(NEU, 'images')], annotations: { format: 'voc', path: join(NEU, 'annotations') } })).id,
  )
  expect(imported.state).toBe('completed')

  const copies = join(await tempDir('loupe-dups-'), 'copies')
  await mkdir(copies)
  const names = (await readdir(join(NEU, 'images'))).sort()
  const kinds = Object.keys(ALTERATIONS)
  for (let i = 0; i < 10; i++) {
    // Spread over the six classes: two or so copies of each.
    const original = names[i * 24 + 3]!
    const kind = kinds[i % kinds.length]!
    const source = sharp(join(NEU, 'images', original))
    const { width, height } = await source.metadata()
    const copy = `${kind}-${original.replace(/\.jpg$/, kind === 'cropped' ? '.png' : '.jpg')}`
    await ALTERATIONS[kind]!(source, width, height).toFile(join(copies, copy))
    originals.set(copy, original)
  }
  const added = await loupe.jobs.settled((await loupe.client.api.imports.start({ paths: [copies] })).id)
  expect(added.result).toMatchObject({ added: 10 })
  const indexed = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
  expect(indexed.result).toMatchObject({ embedded: 250, skipped: 0 })
}, 300_000)
afterAll(async () => loupe?.close())

const pairsOf = (groups: { images: { fileName: string }[] }[]) => groups.map((group) => group.images.map((image) => image.fileName).sort())
const expectedPairs = () => [...originals].map((pair) => [...pair].sort())

describe('near-duplicates on NEU-DET with 10 altered copies', () => {
  it('calibrates a lenient threshold for the model on altered copies, once', async () => {
    const calibrated = await loupe.client.api.search.duplicateThreshold({})
    expect(calibrated).toMatchObject({ modelId: 'mobilenet-v2-0.35-224', calibratedOn: 20 })
    // Halved textures move far in embedding space: the default is much more lenient than the old fixed 0.95.
    expect(calibrated.threshold).toBeLessThan(calibrated.lowCopy)
    expect(calibrated.threshold).toBeLessThan(0.9)
    expect(calibrated.threshold).toBeGreaterThanOrEqual(0.5)
    expect(await loupe.client.api.search.duplicateThreshold({})).toEqual(calibrated)
  })

  it('groups exactly the 10 copies with their originals, keeping the annotated original', async () => {
    const groups = await loupe.client.api.search.duplicates({})
    expect(pairsOf(groups).sort()).toEqual(expectedPairs().sort())
    for (const group of groups) {
      const kept = group.images.find((image) => image.id === group.keep)!
      const extra = group.images.find((image) => image.id !== group.keep)!
      expect(originals.get(extra.fileName)).toBe(kept.fileName)
      expect(kept.boxCount).toBeGreaterThan(0)
      expect(kept.boxClasses).toEqual([kept.fileName.replace(/_\d+\.jpg$/, '')])
      expect(extra).toMatchObject({ boxCount: 0, boxClasses: [], labels: [], status: 'unlabelled' })
      expect(extra.pixelMatch).toBeGreaterThan(0.89)
    }
  })

  it('finds distinct images of one class alike by embedding, but never groups them', async () => {
    const { threshold } = await loupe.client.api.search.duplicateThreshold({})
    const copies = new Set(originals.keys())
    const fileOf = new Map(loupe.catalog.summariesOf(Array.from({ length: 250 }, (_, i) => i + 1)).map((image) => [image.id, image.fileName]))
    const distinct = (await loupe.search.duplicateCandidates(threshold)).filter(
      ({ a, b }) => !copies.has(fileOf.get(a)!) && !copies.has(fileOf.get(b)!),
    )
    // Crazing images alone are all at least 0.95 alike by embedding: the pixels are what tells them apart.
    const sameClass = distinct.filter(({ a, b }) => fileOf.get(a)!.replace(/_\d+\.jpg$/, '') === fileOf.get(b)!.replace(/_\d+\.jpg$/, ''))
    expect(sameClass.length).toBeGreaterThan(100)
    const groups = await loupe.client.api.search.duplicates({})
    for (const group of groups) expect(group.images.filter((image) => !copies.has(image.fileName))).toHaveLength(1)
  })

  it('refuses a threshold out of range with a clear error and loses nothing', async () => {
    await expect(loupe.client.api.search.duplicates({ threshold: 1.5 })).rejects.toMatchObject({ code: 'bad_request' })
    expect(loupe.catalog.stats().images).toBe(250)
  })

  it('"loupe duplicates --json" lists the same 10 pairs, the original to keep first with its boxes', async () => {
    await loupe.close()
    const groups = loupeJson<{ path: string; keep: boolean; boxes: number; boxClasses: string[] }[][]>('--workspace', workspaceDir, 'duplicates')
    const names = groups.map((group) => group.map((image) => image.path.split('/').pop()!).sort())
    expect(names.sort()).toEqual(expectedPairs().sort())
    for (const [kept, extra] of groups) {
      expect(kept).toMatchObject({ keep: true })
      expect(kept!.boxes).toBeGreaterThan(0)
      expect(extra).toMatchObject({ keep: false, boxes: 0 })
    }
    const text = runLoupe('--workspace', workspaceDir, 'duplicates')
    expect(text.stdout).toMatch(/^10 groups of copies \(candidates at least 0\.\d+ alike/)
    const refused = runLoupe('--workspace', workspaceDir, 'duplicates', '--threshold', 'most')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('--threshold takes a similarity from 0.5 to 1.')
  })
})

describe('the calibration of a small catalogue', () => {
  it('is measured again once twice as many images are indexed', async () => {
    const small = await freshLoupe()
    try {
      await small.client.api.models.add({ path: MOBILENET_DIR })
      const photos = (await readdir(COCO_IMAGES)).sort()
      const batch = async (names: string[]) => {
        const folder = await tempDir('loupe-dups-small-')
        await Promise.all(names.map((name) => copyFile(join(COCO_IMAGES, name), join(folder, name))))
        await small.jobs.settled((await small.client.api.imports.start({ paths: [folder] })).id)
        await small.jobs.settled((await small.client.api.search.index({})).id)
      }
      await batch(photos.slice(0, 3))
      expect(await small.client.api.search.duplicateThreshold({})).toMatchObject({ calibratedOn: 3 })
      await batch(photos.slice(3, 5))
      expect(await small.client.api.search.duplicateThreshold({})).toMatchObject({ calibratedOn: 3 })
      await batch(photos.slice(5, 6))
      expect(await small.client.api.search.duplicateThreshold({})).toMatchObject({ calibratedOn: 6 })
    } finally {
      await small.close()
    }
  })
})
