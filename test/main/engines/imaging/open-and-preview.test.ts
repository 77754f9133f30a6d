import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImagingError, openImage, renderBrowserPreview, sniffImageFormat } from '../../../../src/main/engines/imaging'
import { COCO_IMAGES, tempDir } from '../../../support/paths'
import { BLUE, RED, expectColour, pixelAt, rawQuadrants, save, sizeOf } from './fixtures'

let dir: string
beforeAll(async () => {
  dir = await tempDir('loupe-preview-')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function rejection(promise: Promise<unknown>): Promise<ImagingError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ImagingError)
  return error as ImagingError
}

describe('renderBrowserPreview', () => {
  it('renders a TIFF as a full-size PNG with its orientation applied', async () => {
    const tiff = await rawQuadrants(300, 200).tiff().withMetadata({ orientation: 6 }).toBuffer()
    const png = await renderBrowserPreview(await save(dir, 'scan.tiff', tiff))
    expect(sniffImageFormat(png)).toBe('png')
    expect(await sizeOf(png)).toMatchObject({ width: 200, height: 300 })
    expectColour(await pixelAt(png, 10, 10), BLUE, 2)
    expectColour(await pixelAt(png, 190, 10), RED, 2)
  })

  it('rejects with the same reason analyseImageFile gives', async () => {
    const tiff = await rawQuadrants(300, 200).tiff().toBuffer()
    const path = await save(dir, 'cut.tiff', tiff.subarray(0, tiff.length >> 1))
    expect((await rejection(renderBrowserPreview(path))).reason).toMatch(/^truncated or corrupt TIFF file: /)
    expect((await rejection(renderBrowserPreview(join(dir, 'gone.tiff')))).reason).toBe('cannot read file: file not found')
  })
})

describe('openImage', () => {
  it('opens a path or a buffer, oriented', async () => {
    const sample = join(COCO_IMAGES, '000000000009.jpg')
    const fromPath = await openImage(sample)
    const fromBuffer = await openImage(await readFile(sample))
    const [a, b] = await Promise.all([fromPath.resize(224, 224).raw().toBuffer(), fromBuffer.resize(224, 224).raw().toBuffer()])
    expect(a.length).toBe(224 * 224 * 3)
    expect(a.equals(b)).toBe(true)

    const rotated = await rawQuadrants(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const { info } = await (await openImage(rotated)).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([200, 300])
  })

  it('rejects what is not a supported image', async () => {
    expect((await rejection(openImage(Buffer.from('just some words\n')))).reason).toBe('not an image (looks like text)')
    expect((await rejection(openImage(Buffer.alloc(0)))).reason).toBe('empty file (0 bytes)')
  })
})
