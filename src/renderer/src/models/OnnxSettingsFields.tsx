import { useId } from 'react'
import type { ModelInspection, ModelTensor } from '../../../shared/api/schemas'
import { t } from '../i18n/t'
import { RadioChoices, type RadioChoice } from '../ui/RadioChoices'
import { canAverage, NORMALISATION_PRESETS, withOutput, withPreset, type NormalisationPreset, type OnnxForm } from './onnxSettingsForm'

interface Props {
  inspection: ModelInspection
  form: OnnxForm
  disabled: boolean
  onChange(form: OnnxForm): void
}

const LAYOUTS: readonly RadioChoice<OnnxForm['layout']>[] = [
  { value: 'nchw', name: t('models.onnx.layout.nchw') },
  { value: 'nhwc', name: t('models.onnx.layout.nhwc') },
]

const NORMALISATIONS: readonly RadioChoice<NormalisationPreset>[] = [
  ...NORMALISATION_PRESETS.map(({ value, name }) => ({ value, name })),
  { value: 'custom', name: t('models.onnx.preset.custom') },
]

const POOLINGS: readonly RadioChoice<OnnxForm['pooling']>[] = [
  { value: 'none', name: t('models.onnx.pooling.none') },
  { value: 'avg', name: t('models.onnx.pooling.avg') },
]

/**
 * The settings an .onnx file leaves open, filled in with what Loupe proposes: a guess is marked with its reason, so a
 * person checks those against where the model came from (its model card or training code) before adding it.
 */
export function OnnxSettingsFields({ inspection, form, disabled, onChange }: Props) {
  const id = useId()
  const guessed = new Map(inspection.guesses.map((guess) => [guess.field, guess.why]))
  const note = (field: string) => {
    const why = guessed.get(field)
    return why ? (
      <p className="onnx-guess" data-testid={`onnx-guess-${field}`}>
        {t('models.onnx.guessed', { why })}
      </p>
    ) : null
  }
  const set = (change: Partial<OnnxForm>) => onChange({ ...form, ...change })
  const output = inspection.outputs.find((candidate) => candidate.name === form.output)

  return (
    <fieldset className="onnx-settings" disabled={disabled} data-testid="onnx-settings">
      <legend className="field-label">{t('models.onnx.title')}</legend>
      <p className="field-hint">
        {t('models.onnx.hint')}
        {inspection.input && ` ${t('models.onnx.input', { tensor: tensorText(inspection.input) })}`}
      </p>

      <div className="field-group">
        <span className="field-label">{t('models.onnx.size')}</span>
        <div className="onnx-size">
          <input
            aria-label={t('models.onnx.width')}
            className="text-input"
            type="number"
            min={1}
            max={4096}
            value={form.width}
            data-testid="onnx-width"
            onChange={(event) => set({ width: event.target.value })}
          />
          ×
          <input
            aria-label={t('models.onnx.height')}
            className="text-input"
            type="number"
            min={1}
            max={4096}
            value={form.height}
            data-testid="onnx-height"
            onChange={(event) => set({ height: event.target.value })}
          />
          {t('models.onnx.pixels')}
        </div>
        {note('width')}
        {note('height')}
      </div>

      <RadioChoices label={t('models.onnx.axisOrder')} variant="segmented" choices={LAYOUTS} value={form.layout} testId={(value) => `onnx-layout-${value}`} onChange={(layout) => set({ layout })}>
        {note('layout')}
      </RadioChoices>

      <RadioChoices
        label={t('models.onnx.pixelValues')}
        variant="segmented"
        choices={NORMALISATIONS}
        value={form.preset}
        testId={(value) => `onnx-normalisation-${value}`}
        onChange={(preset) => onChange(withPreset(form, preset))}
      >
        {form.preset === 'custom' && (
          <>
            <div className="onnx-custom">
              {t('models.onnx.eachValue')}
              <input aria-label={t('models.onnx.scale')} className="text-input" value={form.scale} data-testid="onnx-scale" onChange={(event) => set({ scale: event.target.value })} />
              +
              <input aria-label={t('models.onnx.offset')} className="text-input" value={form.offset} data-testid="onnx-offset" onChange={(event) => set({ offset: event.target.value })} />
            </div>
            <p className="field-hint">{t('models.onnx.channelsHint')}</p>
          </>
        )}
        {note('normalisation')}
      </RadioChoices>

      <div className="field-group">
        <label className="field-label" htmlFor={`${id}-output`}>
          {t('models.onnx.output')}
        </label>
        <select
          id={`${id}-output`}
          className="select"
          value={form.output}
          data-testid="onnx-output"
          onChange={(event) => {
            const chosen = inspection.outputs.find((candidate) => candidate.name === event.target.value)
            if (chosen) onChange(withOutput(form, chosen))
          }}
        >
          {inspection.outputs.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {tensorText(candidate)}
            </option>
          ))}
        </select>
        {note('output')}
      </div>

      <RadioChoices
        label={t('models.onnx.pooling')}
        variant="segmented"
        choices={POOLINGS}
        value={form.pooling}
        testId={(value) => `onnx-pooling-${value}`}
        disabled={(value) => value === 'avg' && !canAverage(output)}
        onChange={(pooling) => set({ pooling })}
      >
        {note('pooling')}
      </RadioChoices>
    </fieldset>
  )
}

function tensorText(tensor: ModelTensor): string {
  return tensor.shape ? `${tensor.name} [${tensor.shape.join(', ')}]` : t('models.onnx.tensorWithoutShape', { name: tensor.name })
}
