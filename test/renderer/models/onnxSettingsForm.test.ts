import { describe, expect, it } from 'vitest'
import { canAverage, formOf, planOnnx, withOutput, withPreset } from '../../../src/renderer/src/models/onnxSettingsForm'
import type { OnnxProposal } from '../../../src/shared/api/schemas'

const proposal: OnnxProposal = {
  id: 'net',
  name: 'net',
  width: 224,
  height: 224,
  layout: 'nchw',
  normalisation: { scale: 1 / 127.5, offset: -1 },
  output: 'embedding',
  pooling: 'none',
  dimension: 1280,
}

describe('the form confirming an .onnx file', () => {
  it('starts from the proposal and sends it back unchanged', () => {
    const form = formOf(proposal)
    expect(form).toMatchObject({ width: '224', preset: 'minus-one-to-one', output: 'embedding', pooling: 'none' })
    expect(planOnnx(form)).toEqual({
      ok: true,
      settings: { width: 224, height: 224, layout: 'nchw', normalisation: { scale: 1 / 127.5, offset: -1 }, output: 'embedding', pooling: 'none' },
    })
  })

  it('recognises the ImageNet preset in a proposal, and anything else is custom', () => {
    const imagenet = { scale: [0.0171248, 0.0175070, 0.0174292] as [number, number, number], offset: [-2.117904, -2.035714, -1.804444] as [number, number, number] }
    expect(formOf({ ...proposal, normalisation: imagenet }).preset).toBe('imagenet')
    expect(formOf({ ...proposal, normalisation: { scale: 2, offset: 0.5 } })).toMatchObject({ preset: 'custom', scale: '2', offset: '0.5' })
  })

  it('sends the chosen preset exactly, and custom values as typed: one number or one per channel', () => {
    const zeroToOne = planOnnx(withPreset(formOf(proposal), 'zero-to-one'))
    expect(zeroToOne.ok && zeroToOne.settings.normalisation).toEqual({ scale: 1 / 255, offset: 0 })
    // Custom starts from the values in use, rounded for reading.
    const custom = withPreset(formOf(proposal), 'custom')
    expect(custom).toMatchObject({ scale: '0.00784314', offset: '-1' })
    const perChannel = planOnnx({ ...custom, scale: '0.02, 0.021,0.022', offset: ' -2 ' })
    expect(perChannel.ok && perChannel.settings.normalisation).toEqual({ scale: [0.02, 0.021, 0.022], offset: -2 })
  })

  it('says in words which field does not read', () => {
    const form = formOf(proposal)
    expect(planOnnx({ ...form, width: '22.5' })).toEqual({ ok: false, problem: 'The image width must be a whole number of pixels, from 1 to 4096.' })
    expect(planOnnx({ ...form, height: '0' })).toMatchObject({ ok: false, problem: expect.stringContaining('image height') })
    const custom = withPreset(form, 'custom')
    expect(planOnnx({ ...custom, offset: '1, 2' })).toMatchObject({ ok: false, problem: expect.stringContaining('The offset must be a number') })
    expect(planOnnx({ ...custom, scale: '' })).toMatchObject({ ok: false, problem: expect.stringContaining('The scale must be a number') })
    expect(planOnnx({ ...custom, scale: '0' })).toMatchObject({ ok: false, problem: expect.stringContaining('must not be 0') })
  })

  it('pools a 4-d output by averaging, takes a 2-d one as it is, and keeps the choice for a shape not given', () => {
    const form = formOf(proposal)
    const map = { name: 'map', shape: ['batch', 1280, 7, 7] }
    expect(withOutput(form, map)).toMatchObject({ output: 'map', pooling: 'avg' })
    expect(withOutput({ ...form, pooling: 'avg' }, { name: 'flat', shape: ['batch', 10] })).toMatchObject({ pooling: 'none' })
    expect(withOutput({ ...form, pooling: 'avg' }, { name: 'open', shape: null })).toMatchObject({ output: 'open', pooling: 'avg' })
    expect([canAverage(map), canAverage({ name: 'flat', shape: [1, 10] }), canAverage({ name: 'open', shape: null })]).toEqual([true, false, true])
  })
})
