import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Random } from '../../../../src/main/engines/learning/random'
import { convertTflite, convertTfliteFile, TfliteConversionError } from '../../../../src/main/engines/tflite'
import { SHARED_DATA, SHARED_MODELS } from '../../../support/paths'
import { thrown } from './support'

/**
 * Files that are not (whole) TFLite models end in a TfliteConversionError whose message names the file and says what
 * is wrong, never in a crash or a RangeError from deep inside the reader.
 */

const FILE = 'mobilenet_v1_1.0_224_quant_embedding_extractor.tflite'
let original: Uint8Array

beforeAll(async () => {
  original = new Uint8Array(await readFile(join(SHARED_MODELS, 'tflite', FILE)))
})

function refusal(bytes: Uint8Array): TfliteConversionError {
  const error = thrown(() => convertTflite(bytes, { file: FILE }))
  expect(error).toBeInstanceOf(TfliteConversionError)
  expect((error as Error).message.startsWith(`${FILE} cannot be converted: `)).toBe(true)
  return error as TfliteConversionError
}

describe('damaged and foreign files', () => {
  it('a truncated model is refused as truncated or damaged, wherever it is cut', () => {
    for (const length of [8, 64, 4096, original.length >> 1, original.length - 5000, original.length - 1]) {
      expect(refusal(original.subarray(0, length)).message).toMatch(/the file is truncated or damaged \(it refers to bytes \d+–\d+ of a \d+-byte file\)\.$/)
    }
  })

  it('a file that is not a TFLite model is refused as such', async () => {
    const foreign = [
      new Uint8Array(0),
      original.subarray(0, 6),
      new Uint8Array(await readFile(join(SHARED_DATA, 'neu-det', 'images', 'crazing_1.jpg'))),
      new Uint8Array(await readFile(join(SHARED_MODELS, 'mobilenet-v1-1.0-224', 'model.json'))),
    ]
    for (const bytes of foreign) {
      expect(refusal(bytes).message).toBe(`${FILE} cannot be converted: it is not a TensorFlow Lite model (it does not carry the "TFL3" file identifier).`)
    }
  })

  it('random corruption of the model structure converts or is refused, and nothing else', () => {
    const generator = new Random(2024)
    const random = () => generator.next()
    let refused = 0
    for (let round = 0; round < 150; round++) {
      const bytes = original.slice()
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        // The tables sit at the start and the end of the file; the weights in between would only change values.
        const at = random() < 0.3 ? Math.floor(random() * 2048) : bytes.length - 1 - Math.floor(random() * 65536)
        bytes[at] = Math.floor(random() * 256)
      }
      const error = thrown(() => convertTflite(bytes, { file: FILE }))
      if (error === null) continue
      expect(error).toBeInstanceOf(TfliteConversionError)
      expect((error as Error).message.startsWith(`${FILE} cannot be converted: `)).toBe(true)
      refused++
    }
    expect(refused).toBeGreaterThan(0)
  })

  it('an unreadable path is refused with the reason', async () => {
    const missing = join(SHARED_MODELS, 'tflite', 'no-such-model.tflite')
    const error = await convertTfliteFile(missing).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TfliteConversionError)
    expect((error as Error).message).toMatch(/^Cannot read .*no-such-model\.tflite: ENOENT/)
    expect((error as TfliteConversionError).details.file).toBe(missing)
  })
})
