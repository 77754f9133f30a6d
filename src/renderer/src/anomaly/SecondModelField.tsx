import { t } from '../i18n/t'
import { useInstalledModels } from '../models/useInstalledModels'
import type { SecondModelChoice } from './learnForm'

interface Props {
  choice: SecondModelChoice
  onChange: (choice: SecondModelChoice) => void
}

/**
 * Which image model learns beside the one in use: Loupe's choice (the one measured to help it, when installed), none,
 * or another installed model. The list follows models being added or the one in use changing.
 */
export function SecondModelField({ choice, onChange }: Props) {
  const models = useInstalledModels()
  const others = models.filter((model) => !model.active && model.problem === null)
  const inUse = models.find((model) => model.active)
  const value = choice.kind === 'model' ? `model:${choice.id}` : choice.kind // i18n-exempt: option values
  return (
    <label className="anomaly-field">
      <span className="field-label">{t('anomaly.learn.second')}</span>
      <select
        className="select"
        value={value}
        data-testid="learn-second-model"
        onChange={(event) => {
          const picked = event.target.value
          onChange(picked === 'auto' || picked === 'none' ? { kind: picked } : { kind: 'model', id: picked.slice('model:'.length) })
        }}
      >
        <option value="auto">{t('anomaly.learn.second.auto')}</option>
        <option value="none">{t('anomaly.learn.second.none')}</option>
        {others.map((model) => (
          <option key={model.id} value={`model:${model.id}`}>
            {model.name}
          </option>
        ))}
      </select>
      <span className="field-hint">{t('anomaly.learn.second.hint', { model: inUse?.name ?? 'empty' })}</span>
    </label>
  )
}
