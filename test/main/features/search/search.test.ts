import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Loupe } from '../../../../src/main/app/loupe'
import type { IndexResult } from '../../../../src/shared/api/schemas'
import { freshLoupe, importThroughApi } from '../../../support/loupe'
import { COCO_IMAGES, MOBILENET_DIR, tempDir } from '../../../support/paths'


let loupe: Loupe
let images: string
let names: string[]

const idOf = (file: string) => loupe.catalog.listImages({ filter: {}, sort: 'name', descending: false, offset: 0, limit: 1000 })
  .items.find((item) => item.fileName === file)!.id

beforeAll(async () => {
  loupe = await freshLoupe()
  images = await tempDir()
  names = (await readdir(COCO_IMAGES)).sort().slice(0, 40)
  for (const name of names) await copyFile(join(COCO_IMAGES, name), join(images, name))
  await importThroughApi(loupe, [images])
})
afterAll(async () => loupe?.close())

describe('visual search', () => {
  it('says how to add a model when there is none, and refuses a broken model folder', async () => {
    const status = await loupe.client.api.search.status({})
    expect(status.modelProblem).toMatch(/loupe models add PATH/)
    expect(status.backend).toMatch(/^onnxruntime /)
    const { id } = await loupe.client.api.search.index({})
    const job = await loupe.jobs.settled(id)
    expect(job.state).toBe('failed')
    expect(job.error).toMatch(/not installed.*loupe models add PATH/)

    const broken = await tempDir()
    await writeFile(join(broken, 'model.json'), '{ "this is": not json')
    await expect(loupe.client.api.models.add({ path: broken })).rejects.toMatchObject({ code: 'bad_request' })
  })

  it('indexes the catalogue with the default model, incrementally', async () => {
    const added = await loupe.client.api.models.add({ path: MOBILENET_DIR })
    expect(added).toMatchObject({ id: 'mobilenet-v2-0.35-224', dimension: 1280, problem: null })
    const { id } = await loupe.client.api.search.index({})
    const job = await loupe.jobs.settled(id)
    expect(job.state).toBe('completed')
    expect(job.result as IndexResult).toMatchObject({ embedded: 40, skipped: 0, model: 'mobilenet-v2-0.35-224' })
    expect((job.result as IndexResult).backend).toMatch(/^onnxruntime /)

    const again = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
    expect((again.result as IndexResult).embedded).toBe(0)
    expect(await loupe.client.api.search.status({})).toMatchObject({ indexed: 40, pending: 0, modelProblem: null })
  })

  it('finds each image itself first', async () => {
    for (const name of names.slice(0, 10)) {
      const [best] = await loupe.client.api.search.similar({ query: { imageId: idOf(name) }, k: 3 })
      expect(best).toMatchObject({ fileName: name })
      expect(best!.score).toBeGreaterThan(0.999)
    }
  })

  it('finds the original of a flipped, resized and recompressed copy from outside the catalogue', async () => {
    const outside = await tempDir()
    for (const name of names.slice(0, 8)) {
      const copy = join(outside, `altered-${name}`)
      const { width } = await sharp(join(images, name)).metadata()
      await sharp(join(images, name)).flop().resize(Math.round(width! * 0.6)).jpeg({ quality: 55 }).toFile(copy)
      const [best] = await loupe.client.api.search.similar({ query: { path: copy }, k: 5 })
      expect(best?.fileName, name).toBe(name)
    }
    expect(loupe.catalog.stats().images).toBe(40)
  })

  it('finds the source of a region, as a crop file, as dropped bytes, and as a box on the image', async () => {
    const name = names[3]!
    const { width, height } = await sharp(join(images, name)).metadata()
    const region = { x: Math.round(width! * 0.2), y: Math.round(height! * 0.2), width: Math.round(width! * 0.6), height: Math.round(height! * 0.6) }
    const crop = join(await tempDir(), 'crop.jpg')
    await sharp(join(images, name)).extract({ left: region.x, top: region.y, width: region.width, height: region.height }).toFile(crop)

    const byFile = await loupe.client.api.search.similar({ query: { path: crop }, k: 5 })
    expect(byFile[0]?.fileName).toBe(name)
    const bytes = (await sharp(crop).toBuffer()).toString('base64')
    const byBytes = await loupe.client.api.search.similar({ query: { bytesBase64: bytes }, k: 5 })
    expect(byBytes[0]?.fileName).toBe(name)
    const byRegion = await loupe.client.api.search.similar({ query: { imageId: idOf(name), region }, k: 5 })
    expect(byRegion[0]?.fileName).toBe(name)
  })

  it('keeps returning k results under a filter', async () => {
    const labelled = names.slice(0, 12).map(idOf)
    await loupe.client.api.catalog.labelImages({ imageIds: labelled, label: 'picked' })
    const hits = await loupe.client.api.search.similar({ query: { imageId: idOf(names[30]!) }, k: 5, filter: { label: 'picked' } })
    expect(hits).toHaveLength(5)
    expect(hits.every((hit) => labelled.includes(hit.id))).toBe(true)
  })

  it('groups near-duplicates, and removing the extras takes them out of the catalogue only', async () => {
    const extra = join(images, 'extra')
    await mkdir(extra)
    for (const name of names.slice(0, 2)) {
      await sharp(join(images, name)).resize(320).jpeg({ quality: 80 }).toFile(join(extra, `small-${name}`))
    }
    await importThroughApi(loupe, [extra])
    await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
    const groups = await loupe.client.api.search.duplicates({ threshold: 0.9 })
    const pairs = groups.map((group) => group.images.map((image) => image.fileName).sort())
    expect(pairs).toContainEqual([names[0], `small-${names[0]}`].sort())
    expect(pairs).toContainEqual([names[1], `small-${names[1]}`].sort())

    const extras = groups.flatMap((group) => group.images.filter((image) => image.fileName.startsWith('small-')))
    await loupe.client.api.catalog.removeImages({ imageIds: extras.map((image) => image.id) })
    expect(await loupe.client.api.search.duplicates({ threshold: 0.9 })).toEqual(
      groups.filter((group) => !group.images.some((image) => image.fileName.startsWith('small-'))),
    )
    expect((await readdir(extra)).length).toBe(2)
  })

  it('leaves out an image it cannot read, and saves the rest of its batch each with its own vector', async () => {
    const more = join(images, 'more')
    await mkdir(more)
    const turned = names.slice(5, 8).map((name) => `turned-${name}`)
    for (const [i, name] of names.slice(5, 8).entries()) await sharp(join(images, name)).rotate(90).toFile(join(more, turned[i]!))
    await importThroughApi(loupe, [more])
    await writeFile(join(more, turned[1]!), 'no longer a picture')
    const job = await loupe.jobs.settled((await loupe.client.api.search.index({})).id)
    expect(job.result).toMatchObject({ embedded: 2, skipped: 1 })
    for (const name of [turned[0]!, turned[2]!]) {
      const [best] = await loupe.client.api.search.similar({ query: { path: join(more, name) }, k: 1 })
      expect(best).toMatchObject({ fileName: name })
      expect(best!.score).toBeGreaterThan(0.999)
    }
  })
})
