import { describe, expect, it } from 'vitest'
import { iou, type LabelledBox } from '../../../../src/main/engines/detection/boxes'
import { decodePicture } from '../../../../src/main/engines/detection/decode'
import { decodeHead, encodeHead, HEAD_TENSORS, initialHead, outputCount, type DetectionHead } from '../../../../src/main/engines/detection/head'
import { headBackward, headForward, type HeadBatch } from '../../../../src/main/engines/detection/head-math'
import { pictureLoss } from '../../../../src/main/engines/detection/loss'
import { cellTargets } from '../../../../src/main/engines/detection/targets'
import { detectWithHead } from '../../../../src/main/engines/detection/train'
import { flipBox } from '../../../../src/main/engines/detection/boxes'
import { toHalf } from '../../../../src/main/engines/detection/half-floats'
import type { DetectionMaps } from '../../../../src/main/engines/detection/features'
import { Random } from '../../../../src/main/engines/learning/random'
import { jsProducts } from '../../../../src/main/engines/learning/trainer'

/** The head's arithmetic on small random inputs: its gradient against finite differences, its targets against decoding. */

const shape = { classes: 2, hidden: 5, fineChannels: 3, coarseChannels: 4, globalChannels: 3, gridHeight: 5, gridWidth: 6 }

function randomBatch(random: Random, n: number): HeadBatch {
  const values = (length: number) => Float32Array.from({ length }, () => random.next() * 2)
  return {
    n,
    fine: values(n * shape.gridHeight * shape.gridWidth * shape.fineChannels),
    coarse: values(n * 3 * 3 * shape.coarseChannels),
    global: values(n * shape.globalChannels),
  }
}

const boxes: LabelledBox[][] = [
  [{ classIndex: 0, x: 0.1, y: 0.2, width: 0.3, height: 0.5 }],
  [{ classIndex: 1, x: 0.5, y: 0.1, width: 0.4, height: 0.2 }, { classIndex: 0, x: 0.05, y: 0.6, width: 0.2, height: 0.3 }],
]

/** With `dropoutSeed`, the same units are dropped on every call, so finite differences see one function. */
function batchLoss(head: DetectionHead, batch: HeadBatch, gradient: Float32Array | null, dropoutSeed?: number): { loss: number; out: Float32Array } {
  const pass = headForward(head, batch, jsProducts, dropoutSeed === undefined ? undefined : { rate: 0.3, random: new Random(dropoutSeed) })
  const cellOutputs = shape.gridHeight * shape.gridWidth * outputCount(shape)
  const weights = Float32Array.of(1, 1.5)
  let loss = 0
  boxes.forEach((pictureBoxes, picture) => {
    const targets = cellTargets(pictureBoxes, shape.classes, shape.gridHeight, shape.gridWidth)
    loss += pictureLoss(pass.out, picture * cellOutputs, targets, shape.classes, weights, 3, gradient)
  })
  return { loss, out: pass.out }
}

describe('the detection head', () => {
  it.each([undefined, 11])('has the gradient finite differences give, for every tensor (dropout seed %s)', (dropoutSeed) => {
    const random = new Random(7)
    const head = initialHead(shape, random)
    const batch = randomBatch(random, 2)
    const pass = headForward(head, batch, jsProducts, dropoutSeed === undefined ? undefined : { rate: 0.3, random: new Random(dropoutSeed) })
    const outGradient = new Float32Array(pass.out.length)
    batchLoss(head, batch, outGradient, dropoutSeed)
    const gradients = headBackward(head, batch, pass, outGradient, jsProducts)
    HEAD_TENSORS.forEach((tensor, index) => {
      const values = head[tensor]
      for (const i of [0, Math.floor(values.length / 2), values.length - 1]) {
        const kept = values[i]!
        const step = 1e-2
        values[i] = kept + step
        const above = batchLoss(head, batch, null, dropoutSeed).loss
        values[i] = kept - step
        const below = batchLoss(head, batch, null, dropoutSeed).loss
        values[i] = kept
        const numeric = (above - below) / (2 * step)
        expect(gradients[index]![i]!, `${tensor}[${i}]`).toBeCloseTo(numeric, 2)
      }
    })
  })

  it('decodes its own targets back into the boxes they came from', () => {
    const targets = cellTargets(boxes[1]!, shape.classes, shape.gridHeight, shape.gridWidth)
    const outputs = outputCount(shape)
    const cells = shape.gridHeight * shape.gridWidth
    const out = new Float32Array(cells * outputs)
    for (let cell = 0; cell < cells; cell++) {
      for (let c = 0; c < shape.classes; c++) {
        const heat = Math.min(targets.heat[cell * shape.classes + c]!, 0.999)
        out[cell * outputs + c] = Math.log(heat / (1 - heat) + 1e-9)
      }
    }
    targets.cells.forEach((cell, index) => out.set(targets.regression.subarray(index * 4, index * 4 + 4), cell * outputs + shape.classes))
    const found = decodePicture(out, 0, shape, 0.9, 10)
    expect(found).toHaveLength(2)
    for (const box of boxes[1]!) {
      const match = found.find((candidate) => candidate.classIndex === box.classIndex)!
      expect(iou(match, box)).toBeGreaterThan(0.99)
    }
  })

  it('round-trips through its byte format and refuses bytes that are not one', () => {
    const head = initialHead(shape, new Random(3))
    const back = decodeHead(encodeHead(head))
    for (const tensor of HEAD_TENSORS) expect(Array.from(back[tensor])).toEqual(Array.from(head[tensor]))
    expect(back.globalChannels).toBe(shape.globalChannels)
    // The input size the maps were computed at goes with the head; a head stored without one decodes without one.
    expect(back.inputWidth).toBeUndefined()
    const sized = decodeHead(encodeHead({ ...head, inputWidth: 320, inputHeight: 320 }))
    expect([sized.inputWidth, sized.inputHeight]).toEqual([320, 320])
    expect(() => decodeHead(new TextEncoder().encode('not a head at all'))).toThrow(/not a Loupe detection head/)
    expect(() => decodeHead(encodeHead(head).subarray(0, 100))).toThrow(/detection head/)
  })

  it('averages a picture with its mirror image so that mirroring the picture mirrors the boxes', () => {
    const random = new Random(5)
    const head = initialHead(shape, random)
    const batch = randomBatch(random, 1)
    const picture: DetectionMaps = { fine: toHalf(batch.fine), coarse: toHalf(batch.coarse), global: batch.global }
    const mirror: DetectionMaps = {
      fine: toHalf(mirrorGrid(batch.fine, shape.gridHeight, shape.gridWidth, shape.fineChannels)),
      coarse: toHalf(mirrorGrid(batch.coarse, 3, 3, shape.coarseChannels)),
      global: batch.global,
    }
    const [found] = detectWithHead(head, [{ ...picture, mirrored: mirror }], 0.01, jsProducts)
    const [foundMirrored] = detectWithHead(head, [{ ...mirror, mirrored: picture }], 0.01, jsProducts)
    expect(found!.length).toBeGreaterThan(0)
    expect(foundMirrored!.length).toBe(found!.length)
    found!.forEach((box, index) => {
      const back = flipBox(foundMirrored![index]!, 'horizontal')
      expect(back.classIndex).toBe(box.classIndex)
      expect(back.score).toBeCloseTo(box.score, 5)
      for (const side of ['x', 'y', 'width', 'height'] as const) expect(back[side]).toBeCloseTo(box[side], 5)
    })
  })
})

/** A map (height × width × channels) mirrored left-right. */
function mirrorGrid(values: Float32Array, height: number, width: number, channels: number): Float32Array {
  const out = new Float32Array(values.length)
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      out.set(values.subarray((row * width + column) * channels, (row * width + column + 1) * channels), (row * width + (width - 1 - column)) * channels)
    }
  }
  return out
}
