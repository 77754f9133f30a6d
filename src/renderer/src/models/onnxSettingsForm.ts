import { t } from '../i18n/t'
import type { ModelTensor, Normalisation, OnnxProposal, OnnxSettings } from '../../../shared/api/schemas'

/**
 * The form that confirms what an .onnx file does not say before it is added: kept as typed (text for the numbers) so
 * a half-typed value stays on screen, and turned into the settings `models.add` takes only when every field reads.
 */

export type NormalisationPreset = 'minus-one-to-one' | 'zero-to-one' | 'imagenet' | 'custom'

type Triple = [number, number, number]

// torchvision's ImageNet statistics, for 0-1 pixel values; as `pixel * scale + offset` on 0-255 values below.
const IMAGENET_MEAN: Triple = [0.485, 0.456, 0.406]
const IMAGENET_STD: Triple = [0.229, 0.224, 0.225]

interface Preset {
  value: Exclude<NormalisationPreset, 'custom'>
  name: string
  normalisation: Normalisation
}

export const NORMALISATION_PRESETS: readonly Preset[] = [
  { value: 'minus-one-to-one', name: '[-1, 1]', normalisation: { scale: 1 / 127.5, offset: -1 } },
  { value: 'zero-to-one', name: '[0, 1]', normalisation: { scale: 1 / 255, offset: 0 } },
  {
    value: 'imagenet',
    name: t('models.onnx.preset.imagenet'),
    normalisation: {
      scale: IMAGENET_STD.map((std) => 1 / (255 * std)) as Triple,
      offset: IMAGENET_MEAN.map((mean, channel) => -mean / IMAGENET_STD[channel]!) as Triple,
    },
  },
]

export interface OnnxForm {
  width: string
  height: string
  layout: OnnxSettings['layout']
  preset: NormalisationPreset
  /** The custom scaling as typed: one number, or three (red, green, blue) separated by commas. */
  scale: string
  offset: string
  output: string
  pooling: OnnxSettings['pooling']
}

export type OnnxPlan = { ok: true; settings: OnnxSettings } | { ok: false; problem: string }

export function formOf(proposal: OnnxProposal): OnnxForm {
  return {
    width: String(proposal.width),
    height: String(proposal.height),
    layout: proposal.layout,
    preset: presetOf(proposal.normalisation),
    ...normalisationText(proposal.normalisation),
    output: proposal.output,
    pooling: proposal.pooling,
  }
}

/** The settings to send, or the first field that does not read, in words. */
export function planOnnx(form: OnnxForm): OnnxPlan {
  const width = imageSide(form.width)
  const height = imageSide(form.height)
  if (width === null || height === null) {
    return { ok: false, problem: t('models.onnx.problem.side', { side: width === null ? 'width' : 'height' }) }
  }
  const normalisation = normalisationOf(form)
  if (typeof normalisation === 'string') return { ok: false, problem: normalisation }
  return { ok: true, settings: { width, height, layout: form.layout, normalisation, output: form.output, pooling: form.pooling } }
}

/** Another preset; choosing "custom" starts from the values in use, so one of them can be adjusted. */
export function withPreset(form: OnnxForm, preset: NormalisationPreset): OnnxForm {
  if (preset !== 'custom') return { ...form, preset }
  const current = normalisationOf(form)
  return { ...form, preset, ...(typeof current === 'string' ? {} : normalisationText(current)) }
}

/** Another output as the embedding, with the pooling its shape calls for (a 4-d feature map is averaged). */
export function withOutput(form: OnnxForm, output: ModelTensor): OnnxForm {
  const rank = output.shape?.length
  return { ...form, output: output.name, pooling: rank === undefined ? form.pooling : rank === 4 ? 'avg' : 'none' }
}

/** Averaging over positions needs a 4-d feature map; an output of a shape the file does not give may be one. */
export function canAverage(output: ModelTensor | undefined): boolean {
  return output?.shape == null || output.shape.length === 4
}

function presetOf(normalisation: Normalisation): NormalisationPreset {
  const close = (a: number | Triple, b: number | Triple) => {
    const [x, y] = [triple(a), triple(b)]
    return x.every((value, channel) => Math.abs(value - y[channel]!) <= 1e-6 * Math.max(1, Math.abs(value)))
  }
  const preset = NORMALISATION_PRESETS.find(
    (candidate) => close(candidate.normalisation.scale, normalisation.scale) && close(candidate.normalisation.offset, normalisation.offset),
  )
  return preset?.value ?? 'custom'
}

function normalisationOf(form: OnnxForm): Normalisation | string {
  const preset = NORMALISATION_PRESETS.find((candidate) => candidate.value === form.preset)
  if (preset) return preset.normalisation
  const scale = channelValue(form.scale)
  const offset = channelValue(form.offset)
  if (scale === null || offset === null) {
    return t('models.onnx.problem.channels', { field: scale === null ? 'scale' : 'offset' })
  }
  if (triple(scale).includes(0)) return t('models.onnx.problem.zeroScale')
  return { scale, offset }
}

function normalisationText({ scale, offset }: Normalisation): { scale: string; offset: string } {
  return { scale: channelText(scale), offset: channelText(offset) }
}

function imageSide(text: string): number | null {
  const value = Number(text.trim())
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= 4096 ? value : null
}

function channelValue(text: string): number | Triple | null {
  const parts = text.split(',').map((part) => part.trim())
  const values = parts.map((part) => (part === '' ? NaN : Number(part)))
  if (!values.every(Number.isFinite)) return null
  if (values.length === 1) return values[0]!
  return values.length === 3 ? (values as Triple) : null
}

function channelText(value: number | Triple): string {
  // Six significant digits: 1/127.5 reads as 0.00784314, close enough for pixels that come in steps of 1/255.
  const short = (one: number) => String(Number(one.toPrecision(6)))
  return typeof value === 'number' ? short(value) : value.map(short).join(', ')
}

function triple(value: number | Triple): Triple {
  return typeof value === 'number' ? [value, value, value] : value
}
