import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyseImageFile } from '../../../../src/main/engines/imaging'
import { tempDir } from '../../../support/paths'
import sharp from 'sharp'
import { save } from './fixtures'

let dir: string
beforeAll(async () => {
  dir = await tempDir('loupe-decoder-messages-')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const reasonOf = async (path: string) => {
  const analysis = await analyseImageFile(path)
  if (analysis.ok) throw new Error(`${path} was expected to fail`)
  return analysis.reason
}

// libvips keeps one error buffer for the whole process: while several files are decoded at once (as an import does),
// one file's error can carry another decoder's lines. Each reason must speak of its own file only.
describe('reasons for damaged images name only their own file’s problem', () => {
  it('does not quote a JPEG decoder’s complaint for a PNG decoded at the same time, nor the reverse', async () => {
    // Noise, so that both files are large enough to damage in the middle.
    const noise = Buffer.alloc(256 * 256 * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251
    const raw = () => sharp(noise, { raw: { width: 256, height: 256, channels: 3 } })
    const jpeg = await raw().jpeg().toBuffer()
    const damagedJpeg = Buffer.from(jpeg)
    damagedJpeg.fill(0xff, 1000, 1010)
    const png = await raw().png().toBuffer()
    const truncatedPng = png.subarray(0, png.length - 3000)
    const badCrcPng = Buffer.from(png)
    badCrcPng[png.length - 20]! ^= 0xff
    const files = {
      jpeg: await save(dir, 'damaged.jpg', damagedJpeg),
      png: await save(dir, 'truncated.png', truncatedPng),
      crc: await save(dir, 'bad-crc.png', badCrcPng),
    }
    const reasons = { jpeg: new Set<string>(), png: new Set<string>() }
    for (let round = 0; round < 25; round++) {
      const [a, b, c, d] = await Promise.all([reasonOf(files.jpeg), reasonOf(files.png), reasonOf(files.crc), reasonOf(files.jpeg)])
      reasons.jpeg.add(a).add(d)
      reasons.png.add(b).add(c)
    }
    for (const reason of reasons.png) {
      expect(reason).toMatch(/^truncated or corrupt PNG file: /)
      expect(reason).not.toMatch(/jpe?g/i)
    }
    for (const reason of reasons.jpeg) {
      expect(reason).toMatch(/^truncated or corrupt JPEG file: /)
      expect(reason).not.toMatch(/png/i)
    }
  })
})
