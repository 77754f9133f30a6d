import { useState } from 'react'
import type { DetectorSummary } from '../../../shared/api/schemas'
import { useClient } from '../client/ClientContext'
import { t } from '../i18n/t'

/** A version's score threshold: boxes scoring at least this are suggested and count as found. */
export function ThresholdField({ version }: { version: DetectorSummary }) {
  const client = useClient()
  const [typed, setTyped] = useState(String(version.scoreThreshold))
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const value = Number(typed)
  const changed = typed.trim() !== '' && value !== version.scoreThreshold

  const save = async () => {
    setSaving(true)
    setProblem(null)
    try {
      // The view refreshes from 'detector.changed', and this field starts again from the stored value.
      await client.api.detector.setThreshold({ id: version.id, threshold: value })
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <form
      className="detector-threshold"
      data-testid="detector-threshold"
      onSubmit={(event) => {
        event.preventDefault()
        if (changed && !saving) void save()
      }}
    >
      <label className="train-input">
        <span className="muted">{t('detector.threshold.label')}</span>
        <input
          className="text-input"
          type="number"
          min={0.01}
          max={1}
          step={0.01}
          value={typed}
          aria-invalid={problem !== null}
          data-testid="detector-threshold-input"
          onChange={(event) => {
            setTyped(event.target.value)
            setProblem(null)
          }}
        />
      </label>
      <button type="submit" className="button button-small" disabled={!changed || saving} data-testid="detector-threshold-save">
        {saving ? t('detector.threshold.saving') : t('detector.threshold.set')}
      </button>
      <span className="field-hint">{t('detector.threshold.hint')}</span>
      {problem && (
        <span className="training-error" role="alert">
          {problem}
        </span>
      )}
    </form>
  )
}
